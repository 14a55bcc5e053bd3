/**
 * A text as lines (split on `\n`, so a CRLF line keeps its `\r`), with the offset of each line for
 * mapping tree-sitter's UTF-16 indexes to rows. Kept lines are re-emitted byte for byte.
 */
export class SourceLines {
  readonly lines: string[];
  /** UTF-16 offset where each line starts. */
  readonly starts: number[];
  readonly trailingNewline: boolean;
  /** Most lines end with `\r` (CRLF): inserted lines get one too. */
  readonly crlf: boolean;

  /**
   * `trailingNewline: false` for a text ending in `\n` makes its last, empty line a line of its own
   * (line-numbered input whose last numbered line is empty).
   */
  constructor(
    readonly text: string,
    trailingNewline = text.endsWith('\n'),
  ) {
    this.trailingNewline = trailingNewline;
    const body = this.trailingNewline ? text.slice(0, -1) : text;
    this.lines = body.length === 0 && !this.trailingNewline ? [] : body.split('\n');
    this.starts = new Array<number>(this.lines.length);
    let offset = 0;
    let cr = 0;
    for (let i = 0; i < this.lines.length; i++) {
      this.starts[i] = offset;
      const line = this.lines[i]!;
      offset += line.length + 1;
      if (line.endsWith('\r')) cr++;
    }
    this.crlf = cr * 2 > this.lines.length;
  }

  get count(): number {
    return this.lines.length;
  }

  /** The row holding UTF-16 offset `index`. */
  rowOf(index: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The last row a `[start, end)` span touches (a span ending with its newline stays on its row). */
  lastRowOf(start: number, end: number): number {
    return this.rowOf(end > start ? end - 1 : start);
  }

  /** Leading whitespace of a row. */
  indentOf(row: number): string {
    const line = this.lines[row] ?? '';
    return line.slice(0, line.length - line.trimStart().length);
  }

  /** Only whitespace between the start of its row and `index`. */
  startsLine(index: number): boolean {
    const start = this.starts[this.rowOf(index)]!;
    return isBlank(this.text, start, index);
  }

  /**
   * Only whitespace (or the `\r` of CRLF) between `index` and the end of its row; with
   * `separator`, one `,` or `;` may come first (list members whose node excludes it).
   */
  endsLine(index: number, separator = false): boolean {
    const row = this.rowOf(index > 0 ? index - 1 : 0);
    const end = this.starts[row]! + this.lines[row]!.length;
    let from = index;
    if (separator) {
      while (from < end && isBlank(this.text, from, from + 1)) from++;
      const c = this.text.charCodeAt(from);
      if (c === 44 || c === 59) from++;
    }
    return isBlank(this.text, from, end);
  }
}

function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 12 && c !== 11) return false;
  }
  return true;
}
