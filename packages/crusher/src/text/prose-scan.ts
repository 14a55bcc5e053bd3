import { mayBeBlank } from './char-class.js';

/** Regex `\s` (no `u` flag): ECMAScript white space and line terminators, as `trim` removes. */
export function isRegexSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * The first char of `line` that is not regex `\s`, or -1 for a blank line: a `^\s*X` pattern can
 * match only where it is X, so the regex runs only there.
 */
export function leadChar(line: string): number {
  const c = line.charCodeAt(0) | 0;
  if (!mayBeBlank(c)) return c;
  for (let i = 0; i < line.length; i++) {
    const d = line.charCodeAt(i);
    if (!isRegexSpace(d)) return d;
  }
  return -1;
}

/** The line holding offset `p`, searching lines `lo..` (`starts`: each line's offset, then the end). */
function lineAt(starts: Uint32Array, p: number, lo: number): number {
  let hi = starts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid]! <= p) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Calls `hit(line)` for each line of `text` holding `needle` (which holds no line ending), in
 * order: one native `indexOf` per hit line, which then skips the rest of the line. Stops when
 * `hit` returns false.
 */
function forEachLineHolding(
  text: string,
  starts: Uint32Array,
  needle: string,
  hit: (line: number) => boolean,
): void {
  let line = 0;
  for (let p = text.indexOf(needle); p >= 0; p = text.indexOf(needle, starts[line + 1]!)) {
    line = lineAt(starts, p, line);
    if (!hit(line)) return;
  }
}

/** Two ascending lists of distinct numbers merged into one. */
function mergeDistinct(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? a[i]! : Number.POSITIVE_INFINITY;
    const y = j < b.length ? b[j]! : Number.POSITIVE_INFINITY;
    out.push(Math.min(x, y));
    if (x <= y) i++;
    if (y <= x) j++;
  }
  return out;
}

/**
 * Hits a native search may take before a per-line pass is cheaper: an `indexOf` and a binary
 * search per hit line cost a few times what looking at one line does.
 */
export const searchLimit = (lines: number): number => (lines >> 4) + 16;

/**
 * The lines of `text` holding any of `needles`, ascending and distinct, from native searches:
 * where the needles are rare (a `#`, a backtick or a pipe in prose) this costs far less than
 * looking at every line, or than a regex scan (irregexp checks every position; `indexOf` of one
 * char is a memchr). Undefined past `limit` hits in all: then every line should be looked at.
 */
export function linesHolding(
  text: string,
  starts: Uint32Array,
  needles: readonly string[],
  limit = Number.POSITIVE_INFINITY,
): number[] | undefined {
  let out: number[] = [];
  let left = limit;
  for (const needle of needles) {
    const lines: number[] = [];
    forEachLineHolding(text, starts, needle, (line) => lines.push(line) <= left);
    left -= lines.length;
    if (left < 0) return undefined;
    out = out.length === 0 ? lines : lines.length === 0 ? out : mergeDistinct(out, lines);
  }
  return out;
}

/**
 * Sets `flags[line]` for the lines holding `needle`, found as by `linesHolding`, and returns how
 * many there were; past `limit` of them it stops and returns -1 (the caller scans otherwise).
 */
export function markLinesHolding(
  text: string,
  starts: Uint32Array,
  needle: string,
  flags: Uint8Array,
  limit = Number.POSITIVE_INFINITY,
): number {
  let hits = 0;
  forEachLineHolding(text, starts, needle, (line) => {
    flags[line] = 1;
    return ++hits <= limit;
  });
  return hits <= limit ? hits : -1;
}
