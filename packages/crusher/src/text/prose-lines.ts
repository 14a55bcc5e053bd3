import { type JoinedDocs, joinDocs, lineDocs } from '@headroom/core';
import { mayBeBlank } from './char-class.js';
import { type Lines, lineStarts, markLines } from './lines.js';

/** Inclusive line ranges of atomic blocks: block `b` is lines `start[b]..end[b]`. */
export interface Blocks {
  count: number;
  start: Int32Array;
  end: Int32Array;
}

const FENCE = /^\s*(```|~~~)/;
const TABLE_ROW = /^\s*\|.*\|\s*$/;

/**
 * Atomic blocks: a fenced code block or a table is kept or dropped whole, never cut inside; every
 * other line is a block of its own. The regexes run only on lines whose first char can open one.
 */
export function blocksOf(lines: readonly string[]): Blocks {
  const n = lines.length;
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  let count = 0;
  const tableRow = (i: number) => {
    const c = lines[i]!.charCodeAt(0) | 0;
    return (c === 124 || mayBeBlank(c)) && TABLE_ROW.test(lines[i]!);
  };
  for (let i = 0; i < n; ) {
    const c = lines[i]!.charCodeAt(0) | 0;
    let last = i;
    if (c === 96 || c === 126 || c === 124 || mayBeBlank(c)) {
      const fence = FENCE.exec(lines[i]!);
      if (fence) {
        last = i + 1;
        while (last < n && !lines[last]!.trimStart().startsWith(fence[1]!)) last++;
        last = Math.min(last, n - 1);
      } else if (tableRow(i)) {
        while (last + 1 < n && tableRow(last + 1)) last++;
      }
    }
    start[count] = i;
    end[count] = last;
    count++;
    i = last + 1;
  }
  return { count, start, end };
}

const PATH = /(?:^|\s)(?:\.{0,2}\/)?[\w.-]+\/[\w./-]+/;

/**
 * Each line's cheap information score: a number +1, a URL +1, a path +1, a proper name inside a
 * sentence +0.5, an identifier (`code`, snake_case, camelCase) +0.5; blank lines -1. Each feature
 * is found by one native scan of the whole text (none of these patterns crosses a line ending),
 * not by a regex per line.
 */
export function informationScores(
  text: string,
  split: Lines,
  starts: Uint32Array = lineStarts(split),
): Float64Array {
  const { lines } = split;
  const n = lines.length;
  const digit = new Uint8Array(n);
  const url = new Uint8Array(n);
  const slash = new Uint8Array(n);
  const name = new Uint8Array(n);
  const ident = new Uint8Array(n);
  const mark = (flags: Uint8Array, re: RegExp) => markLines(text, starts, re, flags);
  // `[^\n]*` takes the rest of the line: one match per line at most.
  mark(digit, /\d[^\n]*/g);
  mark(url, /(?::\/\/|www\.)[^\n]*/g);
  mark(slash, /\/[^\n]*/g);
  mark(name, /[^.!?\s] [A-Z][a-z][^\n]*/g);
  // Two scans: an alternation of these is several times slower than both.
  mark(ident, /[`_][^\n]*/g);
  mark(ident, /[a-z][A-Z][^\n]*/g);
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const line = lines[i]!;
    if (mayBeBlank(line.charCodeAt(0) | 0) && line.trim().length === 0) {
      scores[i] = -1;
      continue;
    }
    let s = 0;
    if (digit[i] === 1) s += 1;
    if (url[i] === 1) s += 1;
    if (slash[i] === 1 && PATH.test(line)) s += 1;
    if (name[i] === 1) s += 0.5;
    if (ident[i] === 1) s += 0.5;
    scores[i] = s;
  }
  return scores;
}

/**
 * Every line lowercased (`line.toLowerCase()` each) as documents of one string: the lowercased
 * whole text with the line offsets when lowercasing keeps its length (case mappings do not reach
 * across line endings), else the lines lowercased one by one and joined.
 */
export function lowerLineDocs(text: string, split: Lines, starts: Uint32Array): JoinedDocs {
  const lower = text.toLowerCase();
  if (lower.length !== text.length) return joinDocs(split.lines.map((l) => l.toLowerCase()));
  return lineDocs(lower, starts, split.eol.length);
}
