import { leadChar, linesHolding, searchLimit } from './prose-scan.js';

/** Inclusive line ranges of atomic blocks: block `b` is lines `start[b]..end[b]`. */
export interface Blocks {
  count: number;
  start: number[];
  end: number[];
}

const FENCE = /^\s*(```|~~~)/;
const TABLE_ROW = /^\s*\|.*\|\s*$/;

const tableRow = (line: string) => leadChar(line) === 124 && TABLE_ROW.test(line);

/**
 * The blocks of more than one line: a fenced code block (to its closing fence, else to the end) or
 * a run of table rows. `openers` are the lines, ascending, that may open one: a line led by
 * anything but a backtick, tilde or pipe never does.
 */
function spans(lines: readonly string[], openers: Iterable<number>): Blocks {
  const n = lines.length;
  const start: number[] = [];
  const end: number[] = [];
  let next = 0;
  for (const i of openers) {
    if (i < next) continue;
    const line = lines[i]!;
    const lead = leadChar(line);
    let last = i;
    if (lead === 96 || lead === 126) {
      const fence = FENCE.exec(line);
      if (!fence) continue;
      last = i + 1;
      while (last < n && !lines[last]!.trimStart().startsWith(fence[1]!)) last++;
      last = Math.min(last, n - 1);
    } else if (lead === 124 && TABLE_ROW.test(line)) {
      while (last + 1 < n && tableRow(lines[last + 1]!)) last++;
    }
    if (last > i) {
      start.push(i);
      end.push(last);
    }
    next = last + 1;
  }
  return { count: start.length, start, end };
}

/**
 * The multi-line blocks of `text` (split into `lines` at `starts`): only lines holding a backtick,
 * tilde or pipe, found by native search, are looked at (every line, where most hold one).
 */
export function multiLineBlocks(text: string, lines: readonly string[], starts: Uint32Array): Blocks {
  const openers = linesHolding(text, starts, ['`', '~', '|'], searchLimit(lines.length));
  return spans(lines, openers ?? lines.keys());
}

/** Every block of `n` lines: the multi-line `spans` and each other line on its own, in order. */
function withSingleLines(spans: Blocks, n: number): Blocks {
  const start: number[] = [];
  const end: number[] = [];
  for (let line = 0, k = 0; line < n; line++) {
    start.push(line);
    if (k < spans.count && spans.start[k] === line) line = spans.end[k++]!;
    end.push(line);
  }
  return { count: start.length, start, end };
}

/**
 * Atomic blocks: a fenced code block or a table is kept or dropped whole, never cut inside; every
 * other line is a block of its own.
 */
export function blocksOf(lines: readonly string[]): Blocks {
  return withSingleLines(spans(lines, lines.keys()), lines.length);
}
