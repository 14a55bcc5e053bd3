import { tryParseJson } from '@headroom/core';
import { SEARCH_LINE } from './detect.js';

export type SectionKind = 'fence' | 'json' | 'search' | 'text';

/** A contiguous piece of mixed content: `text + separator` over all sections is the input. */
export interface Section {
  kind: SectionKind;
  /** The exact bytes of the section, fences included, without its final line break. */
  text: string;
  /** The line break that followed it in the input ('' for the last section). */
  separator: string;
  /** Fenced code: the fence lines, the body between them and the fence's language tag. */
  fence?: { open: string; body: string; close: string; tag: string };
}

const FENCE_OPEN = /^[ \t]*(`{3,}|~{3,})[ \t]*([\w+#.-]*)/;
const MIN_BLOCK_LINES = 3;
const MAX_JSON_BLOCK_LINES = 5000;

interface Line {
  text: string;
  eol: string;
}

/**
 * Splits prose with fenced code, JSON blocks and grep runs into sections, or returns undefined when
 * fewer than `threshold` kinds of content are present (the content is then routed whole).
 */
export function splitMixed(content: string, threshold: number): Section[] | undefined {
  const lines = toLines(content);
  const sections: Section[] = [];
  let textStart = -1;
  const flushText = (end: number) => {
    if (textStart >= 0) sections.push(section('text', lines, textStart, end));
    textStart = -1;
  };
  for (let i = 0; i < lines.length; ) {
    const end = fenceEnd(lines, i) ?? jsonEnd(lines, i) ?? searchEnd(lines, i);
    if (end === undefined) {
      if (textStart < 0) textStart = i;
      i++;
      continue;
    }
    flushText(i);
    const kind: SectionKind = FENCE_OPEN.test(lines[i]!.text)
      ? 'fence'
      : SEARCH_LINE.test(lines[i]!.text)
        ? 'search'
        : 'json';
    sections.push(section(kind, lines, i, end));
    i = end;
  }
  flushText(lines.length);
  const kinds = new Set(sections.filter((s) => s.kind !== 'text').map((s) => s.kind));
  const indicators = kinds.size + (sections.some((s) => s.kind === 'text' && hasProse(s.text)) ? 1 : 0);
  return indicators >= threshold ? sections : undefined;
}

/** The text of the sections, each possibly replaced, joined with the original separators. */
export function joinSections(sections: readonly Section[], texts: readonly string[]): string {
  return sections.map((s, i) => texts[i] + s.separator).join('');
}

function toLines(content: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  while (start < content.length) {
    const nl = content.indexOf('\n', start);
    if (nl === -1) {
      out.push({ text: content.slice(start), eol: '' });
      break;
    }
    const cr = nl > start && content[nl - 1] === '\r';
    out.push({ text: content.slice(start, cr ? nl - 1 : nl), eol: cr ? '\r\n' : '\n' });
    start = nl + 1;
  }
  return out;
}

function section(kind: SectionKind, lines: readonly Line[], from: number, to: number): Section {
  let text = '';
  for (let i = from; i < to; i++) text += lines[i]!.text + (i < to - 1 ? lines[i]!.eol : '');
  const s: Section = { kind, text, separator: lines[to - 1]!.eol };
  if (kind === 'fence') {
    const open = lines[from]!;
    const body: string[] = [];
    for (let i = from + 1; i < to - 1; i++) body.push(lines[i]!.text + (i < to - 2 ? lines[i]!.eol : ''));
    s.fence = {
      open: open.text + open.eol,
      body: body.join(''),
      close: (to - 2 > from ? lines[to - 2]!.eol : '') + lines[to - 1]!.text,
      tag: FENCE_OPEN.exec(open.text)?.[2]?.toLowerCase() ?? '',
    };
  }
  return s;
}

/** `` ```lang `` … `` ``` ``: the index after the closing fence. */
function fenceEnd(lines: readonly Line[], i: number): number | undefined {
  const open = FENCE_OPEN.exec(lines[i]!.text);
  if (!open) return undefined;
  const marker = open[1]!;
  for (let j = i + 1; j < lines.length; j++) {
    const t = lines[j]!.text.trim();
    if (t.startsWith(marker) && t.slice(marker.length).trim() === '') return j + 1;
  }
  return undefined;
}

/** A balanced `{…}` or `[…]` of at least three lines that parses as JSON. */
function jsonEnd(lines: readonly Line[], i: number): number | undefined {
  const first = lines[i]!.text.trimStart()[0];
  if (first !== '{' && first !== '[') return undefined;
  let depth = 0;
  let inString = false;
  let escaped = false;
  const limit = Math.min(lines.length, i + MAX_JSON_BLOCK_LINES);
  for (let j = i; j < limit; j++) {
    for (const ch of lines[j]!.text) {
      if (inString) {
        if (escaped) escaped = false;
        else if (ch === '\\') escaped = true;
        else if (ch === '"') inString = false;
      } else if (ch === '"') inString = true;
      else if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') depth--;
    }
    if (depth <= 0) {
      if (j + 1 - i < MIN_BLOCK_LINES) return undefined;
      const block = lines
        .slice(i, j + 1)
        .map((l) => l.text)
        .join('\n');
      return tryParseJson(block) === undefined ? undefined : j + 1;
    }
  }
  return undefined;
}

/** A run of at least three `path:line:` lines. */
function searchEnd(lines: readonly Line[], i: number): number | undefined {
  let j = i;
  while (j < lines.length && SEARCH_LINE.test(lines[j]!.text)) j++;
  return j - i >= MIN_BLOCK_LINES ? j : undefined;
}

/** Prose: at least two lines of at least eight words. */
function hasProse(text: string): boolean {
  let lines = 0;
  for (const line of text.split('\n')) if (line.trim().split(/\s+/).length >= 8 && ++lines >= 2) return true;
  return false;
}
