import { compiledFor } from './compiled-config.js';

/**
 * The aligner's "dynamic context" tail: `tailSeparator + tailHeader + '\n'` followed by one line per
 * moved statement and one `[dynamic-N] VALUE` line per inline value. Appended to a text it keeps the
 * separator; as a part, block or message of its own it starts with the header.
 */
export interface TailFormat {
  tailSeparator: string;
  tailHeader: string;
}

const PLACEHOLDER = /\[dynamic-(\d+)\]/g;

export function placeholder(n: number): string {
  return `[dynamic-${n}]`;
}

/**
 * Offset of the first `tailSeparator + tailHeader` in `text`, or -1. Found by the header, each
 * candidate then checked for the separator before it: the default separator starts with a line
 * break, which a native search stops at on every line, while the header's `[` is rare.
 */
function tailAt(text: string, f: TailFormat): number {
  const sep = f.tailSeparator;
  if (f.tailHeader === '') return text.indexOf(sep);
  for (let h = text.indexOf(f.tailHeader, sep.length); h >= 0; h = text.indexOf(f.tailHeader, h + 1)) {
    if (text.startsWith(sep, h - sep.length)) return h - sep.length;
  }
  return -1;
}

/** Splits `text` at its first aligner tail: the body before it and the tail's lines. */
export function splitTail(text: string, f: TailFormat): { body: string; lines: string[] } {
  const at = tailAt(text, f);
  if (at < 0) return { body: text, lines: [] };
  const rest = text.slice(at + f.tailSeparator.length + f.tailHeader.length);
  return { body: text.slice(0, at), lines: rest.split(/\r\n|\r|\n/).filter((l) => l.trim().length > 0) };
}

/**
 * True when a text is, or ends with, an aligner tail, so other transforms (the router, the context
 * managers) leave it alone. Pass the aligner's config when it changes the header or separator.
 */
export function hasAlignerTail(text: string, f: TailFormat = compiledFor().config): boolean {
  return text.startsWith(`${f.tailHeader}\n`) || text.includes(f.tailSeparator + f.tailHeader);
}

/** The highest N of the `[dynamic-N]` placeholders in the given texts (0 when none). */
export function highestPlaceholder(texts: readonly string[]): number {
  let max = 0;
  for (const t of texts) {
    if (!t.includes('[dynamic-')) continue;
    for (const m of t.matchAll(PLACEHOLDER)) max = Math.max(max, Number(m[1]));
  }
  return max;
}

/** The tail as a text of its own (a new part, block or message). */
export function standaloneTail(lines: readonly string[], f: TailFormat): string {
  return lines.length === 0 ? f.tailHeader : `${f.tailHeader}\n${lines.join('\n')}`;
}

/** The tail appended to an existing text. */
export function appendTail(text: string, lines: readonly string[], f: TailFormat): string {
  return `${text}${f.tailSeparator}${standaloneTail(lines, f)}`;
}
