import { type JoinedDocs, joinDocs } from '@headroom/core';
import { mayBeBlank } from './char-class.js';
import { type Lines, lineStarts } from './lines.js';

/** The matches of a grep/ripgrep listing, as parallel arrays (one entry per match line). */
export interface GrepMatches {
  /** Input line index of each match. */
  line: number[];
  /** File id of each match (index into `files`). */
  file: number[];
  /** The matched text (after `path:line:`). */
  text: string[];
  /** File names by id, in first-seen order. */
  files: string[];
  /** Offset of each match's text in the input; -1 where it is not a substring (ripgrep JSON). */
  at: number[];
}

/** Regex whitespace (`\s`), for the one char the grep form tests. */
const isRegexSpace = (c: number) => mayBeBlank(c) && /\s/.test(String.fromCharCode(c));

/** `.` in the grep form (no `s` flag) stops at these; such a line is not a match line. */
const LINE_BREAK = /[\n\r\u2028\u2029]/;

/**
 * Parses `path:line:text` / `path:line-text` lines (grep -n, ripgrep, git grep) and ripgrep
 * `--json` match records. Same result as the regex `^([^\s:][^:]*?):(\d+)[:-](.*)$` per line,
 * with charCode tests and one `indexOf` instead of a regex run and a match object per line.
 */
export function parseGrep(text: string, split: Lines): GrepMatches {
  const { lines } = split;
  const out: GrepMatches = { line: [], file: [], text: [], files: [], at: [] };
  const starts = lineStarts(split);
  const fileIds = new Map<string, number>();
  // With no CR or Unicode line separator anywhere, no match text needs the `.` check.
  const breaks = text.includes('\r') || text.includes('\u2028') || text.includes('\u2029');
  const id = (file: string) => {
    let f = fileIds.get(file);
    if (f === undefined) {
      f = out.files.length;
      fileIds.set(file, f);
      out.files.push(file);
    }
    return f;
  };
  const add = (index: number, file: number, matched: string, at: number) => {
    out.line.push(index);
    out.file.push(file);
    out.text.push(matched);
    out.at.push(at);
  };
  // Matches come grouped by file: the previous file's name is compared first, by string equality
  // (native; `startsWith` on a sliced line costs a runtime call, a charCode loop 2× this).
  let last = -1;
  let lastName: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const c0 = line.charCodeAt(0);
    const colon = line.length === 0 || c0 === 58 || isRegexSpace(c0) ? -1 : line.indexOf(':');
    if (colon > 0) {
      let k = colon + 1;
      while (k < line.length && line.charCodeAt(k) >= 48 && line.charCodeAt(k) <= 57) k++;
      const sep = line.charCodeAt(k);
      if (k > colon + 1 && (sep === 58 || sep === 45)) {
        const matched = line.slice(k + 1);
        if (!breaks || !LINE_BREAK.test(matched)) {
          const name = line.slice(0, colon);
          if (name !== lastName) {
            lastName = name;
            last = id(name);
          }
          add(i, last, matched, starts[i]! + k + 1);
          continue;
        }
      }
    }
    if (!line.startsWith('{"type":"match"')) continue;
    try {
      const data = (JSON.parse(line) as { data?: { path?: { text?: string }; lines?: { text?: string } } })
        .data;
      if (typeof data?.path?.text === 'string') add(i, id(data.path.text), data.lines?.text ?? '', -1);
    } catch {}
  }
  return out;
}

/**
 * Each match's text lowercased, as documents of one string: the lowercased input with the match
 * offsets when every match is a substring of it and lowercasing keeps the length (the context
 * before a match ends in `:digits:`, so no case mapping reaches into it), else joined one by one.
 */
export function lowerMatchDocs(text: string, matches: GrepMatches): JoinedDocs {
  const lower = text.toLowerCase();
  const m = matches.text.length;
  if (lower.length !== text.length || matches.at.includes(-1))
    return joinDocs(matches.text.map((t) => t.toLowerCase()));
  const starts = new Uint32Array(m);
  const ends = new Uint32Array(m);
  for (let j = 0; j < m; j++) {
    starts[j] = matches.at[j]!;
    ends[j] = matches.at[j]! + matches.text[j]!.length;
  }
  return { text: lower, starts, ends };
}
