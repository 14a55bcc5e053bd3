/** A half-open range `[start, end)` of a text. */
export interface Range {
  start: number;
  end: number;
}

const WORD_CHAR = /[A-Za-z0-9_]/;
const URL_AT = /https?:\/\/\S+/y;

/**
 * Regions the aligner never matches in nor normalizes: fenced code blocks (to the matching fence, or
 * the end of the text when unclosed), inline code spans closed on the same line, and URLs. Sorted and
 * disjoint. The aligner's own tail is split off before this runs.
 */
export function protectedRanges(text: string): Range[] {
  const out: Range[] = [];
  let from = 0;
  for (const fence of fencedBlocks(text)) {
    inlineRanges(text, from, fence.start, out);
    out.push(fence);
    from = fence.end;
  }
  inlineRanges(text, from, text.length, out);
  return out;
}

interface Fence {
  lineStart: number;
  runEnd: number;
  lineEnd: number;
  char: number;
  length: number;
}

const isBreak = (c: number) => c === 10 || c === 13;

/** The fence (``` or ~~~, 3 or more) whose run starts at `i`, when at most 3 spaces precede it on its line. */
function fenceAt(text: string, i: number): Fence | undefined {
  let lineStart = i;
  while (lineStart > 0 && i - lineStart < 3 && text.charCodeAt(lineStart - 1) === 32) lineStart--;
  if (lineStart > 0 && !isBreak(text.charCodeAt(lineStart - 1))) return undefined;
  const char = text.charCodeAt(i);
  let runEnd = i;
  while (text.charCodeAt(runEnd) === char) runEnd++;
  return { lineStart, runEnd, lineEnd: lineEndFrom(text, runEnd, text.length), char, length: runEnd - i };
}

/**
 * The first fence at a line start at or after `from` for which `accept` holds. `exhausted` holds the
 * markers a previous search ran out of, so a text without `~~~` is not searched again per block.
 */
function nextFence(
  text: string,
  from: number,
  markers: readonly string[],
  accept: (f: Fence) => boolean,
  exhausted: Set<string>,
): Fence | undefined {
  let best: Fence | undefined;
  for (const marker of markers) {
    if (exhausted.has(marker)) continue;
    for (let i = text.indexOf(marker, from); ; i = text.indexOf(marker, i + 1)) {
      if (i < 0) {
        exhausted.add(marker);
        break;
      }
      const fence = fenceAt(text, i);
      if (fence && accept(fence)) {
        if (best === undefined || fence.lineStart < best.lineStart) best = fence;
        break;
      }
    }
  }
  return best;
}

/**
 * Fenced blocks, found with indexOf rather than line by line (a prompt is mostly prose): an opening
 * fence to the next closing fence of the same character and at least its length, or to the end.
 */
function fencedBlocks(text: string): Range[] {
  const out: Range[] = [];
  const blankAfterRun = (f: Fence) => text.slice(f.runEnd, f.lineEnd).trim() === '';
  // A backtick in a backtick fence's info string makes it inline code (CommonMark).
  const opens = (f: Fence) => f.char !== 96 || !text.slice(f.runEnd, f.lineEnd).includes('`');
  const exhausted = new Set<string>();
  let pos = 0;
  while (pos < text.length) {
    const open = nextFence(text, pos, ['```', '~~~'], opens, exhausted);
    if (!open) break;
    const marker = String.fromCharCode(open.char).repeat(3);
    const closes = (f: Fence) => f.length >= open.length && blankAfterRun(f);
    const close = nextFence(text, open.lineEnd, [marker], closes, new Set());
    pos = close?.lineEnd ?? text.length;
    out.push({ start: open.lineStart, end: pos });
  }
  return out;
}

function lineEndFrom(text: string, i: number, to: number): number {
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
    i++;
  }
  return to;
}

/** A URL (`\bhttps?://\S+`) starting at `i`, as its end offset, or -1. */
function urlEnd(text: string, i: number, to: number): number {
  if (i > 0 && WORD_CHAR.test(text[i - 1]!)) return -1;
  URL_AT.lastIndex = i;
  return URL_AT.test(text) ? Math.min(URL_AT.lastIndex, to) : -1;
}

/**
 * The first `http` at or after `from` that starts a scheme (`http://`, `https://`), or -1. Found by
 * its `://`: a colon is rare in prose, an `h` is in every other word (and each one stops a search).
 */
function nextScheme(text: string, from: number): number {
  for (let i = text.indexOf('://', from + 4); i >= 0; i = text.indexOf('://', i + 1)) {
    if (i - 5 >= from && text.startsWith('https', i - 5)) return i - 5;
    if (text.startsWith('http', i - 4)) return i - 4;
  }
  return -1;
}

/**
 * Inline code spans and URLs inside `[from, to)`, appended to `out` in order. Scans with indexOf,
 * which is far cheaper than a regex trying every position of a long prompt; line ends and backtick
 * runs that found no partner are remembered, so even a pathological line stays near linear.
 */
function inlineRanges(text: string, from: number, to: number, out: Range[]): void {
  let pos = from;
  let tick = text.indexOf('`', pos);
  let http = nextScheme(text, pos);
  let lineEnd = -1;
  // Run lengths that found no closing run on the current line: a later run of the same length won't.
  let unmatched = new Set<number>();
  while (pos < to) {
    if (tick >= 0 && tick < pos) tick = text.indexOf('`', pos);
    if (http >= 0 && http < pos) http = nextScheme(text, pos);
    const t = tick >= 0 && tick < to ? tick : Number.POSITIVE_INFINITY;
    const h = http >= 0 && http < to ? http : Number.POSITIVE_INFINITY;
    if (t === Number.POSITIVE_INFINITY && h === Number.POSITIVE_INFINITY) return;
    if (h < t) {
      const end = urlEnd(text, h, to);
      if (end >= 0) out.push({ start: h, end });
      pos = end >= 0 ? end : h + 4;
      continue;
    }
    let runEnd = t;
    while (runEnd < to && text.charCodeAt(runEnd) === 96) runEnd++;
    if (t >= lineEnd) {
      lineEnd = lineEndFrom(text, t, to);
      unmatched = new Set();
    }
    const length = runEnd - t;
    const close = unmatched.has(length) ? -1 : closingRun(text, runEnd, length, lineEnd);
    if (close >= 0) out.push({ start: t, end: close });
    else unmatched.add(length); // an unmatched run is literal text
    pos = close >= 0 ? close : runEnd;
  }
}

/** End offset of the next backtick run of exactly `length` before `lineEnd`, or -1. */
function closingRun(text: string, from: number, length: number, lineEnd: number): number {
  let i = text.indexOf('`', from);
  while (i >= 0 && i < lineEnd) {
    let j = i;
    while (j < lineEnd && text.charCodeAt(j) === 96) j++;
    if (j - i === length) return j;
    i = text.indexOf('`', j);
  }
  return -1;
}

/** The first of the sorted `ranges` that ends after `start`. */
function firstEndingAfter(ranges: readonly Range[], start: number): Range | undefined {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ranges[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
  return ranges[lo];
}

/** True when `[start, end)` overlaps any of the sorted `ranges`. */
export function overlapsAny(ranges: readonly Range[], start: number, end: number): boolean {
  const r = firstEndingAfter(ranges, start);
  return r !== undefined && r.start < end;
}

/** True when `[start, end)` lies entirely inside one of the sorted `ranges`. */
export function insideOne(ranges: readonly Range[], start: number, end: number): boolean {
  const r = firstEndingAfter(ranges, start);
  return r !== undefined && r.start <= start && r.end >= end;
}
