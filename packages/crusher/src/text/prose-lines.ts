import { type JoinedDocs, joinDocs } from '@headroom/core';
import { mayBeBlank } from './char-class.js';
import { type Lines, lineStarts, markLines } from './lines.js';
import { markLinesHolding, searchLimit } from './prose-scan.js';

export { type Blocks, blocksOf } from './prose-blocks.js';

const PATH = /(?:^|\s)(?:\.{0,2}\/)?[\w.-]+\/[\w./-]+/;
const DIGIT = /\d/;
const URL = /:\/\/|www\./;
const NAME = /[^.!?\s] [A-Z][a-z]/;
const CAMEL = /[a-z][A-Z]/;

/**
 * A line's cheap information score: a number +1, a URL +1, a path +1, a proper name inside a
 * sentence +0.5, an identifier (`code`, snake_case, camelCase) +0.5; a blank line -1.
 */
export function lineInformation(line: string): number {
  if (mayBeBlank(line.charCodeAt(0) | 0) && line.trim().length === 0) return -1;
  let s = 0;
  if (DIGIT.test(line)) s += 1;
  if (URL.test(line)) s += 1;
  if (line.includes('/') && PATH.test(line)) s += 1;
  if (NAME.test(line)) s += 0.5;
  if (line.includes('`') || line.includes('_') || CAMEL.test(line)) s += 0.5;
  return s;
}

/**
 * `lineInformation` of every line, each feature found by one native scan of the whole text (none
 * of these patterns crosses a line ending) instead of regexes per line: cheaper where most lines
 * have to be scored.
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
 * The lines that can score 2 or more: a name and an identifier add 1 at most, and the number, URL
 * and path that must add the rest each need a digit, a `/` or `www.`. A line without the flag
 * scores at most 1, so a block none of whose lines has it cannot average 2. Found by `indexOf`, a
 * memchr per char, far cheaper than a regex scan where they are rare; undefined where they are
 * not (past `searchLimit` lines): then most lines need a score anyway.
 */
export function mayBeDenseLines(text: string, starts: Uint32Array): Uint8Array | undefined {
  const n = Math.max(0, starts.length - 1);
  const flags = new Uint8Array(n);
  let left = searchLimit(n);
  for (const needle of ['/', 'www.', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']) {
    const hits = markLinesHolding(text, starts, needle, flags, left);
    if (hits < 0) return undefined;
    left -= hits;
  }
  return flags;
}

/**
 * Every line lowercased (`line.toLowerCase()` each) as documents of one string: the lowercased
 * whole text with the line offsets when lowercasing keeps its length (case mappings do not reach
 * across line endings), else the lines lowercased one by one and joined.
 */
export function lowerLineDocs(text: string, split: Lines, starts: Uint32Array): JoinedDocs {
  const lower = text.toLowerCase();
  if (lower.length !== text.length) return joinDocs(split.lines.map((l) => l.toLowerCase()));
  // Core's `lineDocs`, without copying the starts.
  const n = split.lines.length;
  const ends = new Uint32Array(n);
  const eol = split.eol.length;
  for (let i = 0; i < n; i++) ends[i] = starts[i + 1]! - eol;
  return { text: lower, starts: starts.subarray(0, n), ends };
}
