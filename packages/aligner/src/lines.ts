/** Line bounds of a text whose lines end at LF, CRLF or a lone CR. */

// Native indexOf for LF-only texts; texts with CR (CRLF or lone CR) take the slow path.
export function lineStartBefore(text: string, i: number, hasCR: boolean): number {
  if (!hasCR) return i === 0 ? 0 : text.lastIndexOf('\n', i - 1) + 1;
  let j = i;
  while (j > 0) {
    const c = text.charCodeAt(j - 1);
    if (c === 10 || c === 13) break;
    j--;
  }
  return j;
}

export function lineEndFrom(text: string, i: number, hasCR: boolean): number {
  if (!hasCR) {
    const lf = text.indexOf('\n', i);
    return lf < 0 ? text.length : lf;
  }
  let j = i;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === 10 || c === 13) break;
    j++;
  }
  return j;
}

/**
 * The lines around increasing positions of one text. LF-only texts walk forward from line break to
 * line break (one native indexOf per line, and no backward search); others use the CR-aware scans.
 */
export class LineCursor {
  private start = 0;
  private nextBreak: number;

  constructor(
    private readonly text: string,
    private readonly hasCR: boolean,
  ) {
    this.nextBreak = hasCR ? -1 : text.indexOf('\n');
  }

  /** The bounds of the line holding `i`; `i` never decreases between calls. */
  around(i: number): { start: number; end: number } {
    const { text } = this;
    if (this.hasCR) return { start: lineStartBefore(text, i, true), end: lineEndFrom(text, i, true) };
    while (this.nextBreak >= 0 && this.nextBreak < i) {
      this.start = this.nextBreak + 1;
      this.nextBreak = text.indexOf('\n', this.start);
    }
    return { start: this.start, end: this.nextBreak < 0 ? text.length : this.nextBreak };
  }
}

const isBlank = (c: number) => c === 32 || c === 9;
const isDigit = (c: number) => c >= 48 && c <= 57;
// - * + •
const isBullet = (c: number) => c === 45 || c === 42 || c === 43 || c === 0x2022;

/**
 * Where a line's content starts: after its indentation and a list bullet (`-`, `*`, `+`, `•`) or
 * number (`1.`, `12)`) followed by blanks. Plain character tests: this runs on every line with a digit.
 */
export function contentStartOf(text: string, lineStart: number): number {
  let i = lineStart;
  while (isBlank(text.charCodeAt(i))) i++;
  let j = i;
  if (isBullet(text.charCodeAt(j))) j++;
  else {
    while (j - i < 4 && isDigit(text.charCodeAt(j))) j++;
    if (j === i || j - i > 3) return i;
    const c = text.charCodeAt(j);
    if (c !== 46 && c !== 41) return i; // . )
    j++;
  }
  if (!isBlank(text.charCodeAt(j))) return i;
  while (isBlank(text.charCodeAt(j))) j++;
  return j;
}

/** Offset after the line break at `end` (or `end` at the end of the text). */
export function afterBreak(text: string, end: number): number {
  if (end >= text.length) return end;
  return text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
}

/** Offset of the line break before `start` (or `start` for the first line). */
export function beforeBreak(text: string, start: number): number {
  if (start === 0) return 0;
  return text.charCodeAt(start - 1) === 10 && text.charCodeAt(start - 2) === 13 ? start - 2 : start - 1;
}
