import { stride } from '../fill.js';
import type { Lines } from './lines.js';
import type { Blocks } from './prose-blocks.js';
import { informationScores, lineInformation, mayBeDenseLines } from './prose-lines.js';

export interface FillInput {
  text: string;
  split: Lines;
  /** Each line's offset in `text`, plus the end. */
  starts: Uint32Array;
  /** The multi-line blocks (every other line is a block of its own). */
  spans: Blocks;
  /** Lines kept so far (1 = kept, every line of a block or none); updated in place. */
  keep: Uint8Array;
  kept: number;
  budget: number;
  sampleEveryNLines: number;
}

/**
 * Fills the line budget left by the must-keep blocks from the other blocks (the candidates): first
 * those averaging an information score of 2 or more (best first, ties by position), then an even
 * sample of every `sampleEveryNLines`-th candidate; a block that does not fit is skipped. Returns
 * the lines kept.
 *
 * Only what can change the result is computed: with no budget left nothing is scored or sampled,
 * and where few lines can score 2 (`mayBeDenseLines`) only their blocks are scored, line by line.
 */
export function fillBudget(f: FillInput): number {
  const { keep, budget, spans } = f;
  const { lines } = f.split;
  let kept = f.kept;
  if (kept >= budget) return kept;
  // Blocks worth scoring: those with a line that can score 2, or all where most lines can.
  const maybe = mayBeDenseLines(f.text, f.starts);
  const all = maybe === undefined ? informationScores(f.text, f.split, f.starts) : undefined;
  // One pass over the blocks: the candidates by first line, and the dense ones with their score.
  const candidates: number[] = [];
  // Dense block d: its first line `denseFrom[d]`, its score `denseScore[d]`.
  const denseFrom: number[] = [];
  const denseScore: number[] = [];
  for (let from = 0, k = 0; from < lines.length; ) {
    const to = k < spans.count && spans.start[k] === from ? spans.end[k++]! : from;
    if (keep[from] === 0) {
      candidates.push(from);
      let possible = all !== undefined;
      for (let i = from; i <= to && !possible; i++) possible = maybe![i] === 1;
      if (possible) {
        let s = 0;
        for (let i = from; i <= to; i++) s += all ? all[i]! : lineInformation(lines[i]!);
        s /= to - from + 1;
        if (s >= 2) {
          denseFrom.push(from);
          denseScore.push(s);
        }
      }
    }
    from = to + 1;
  }
  // Best first, ties in text order (d follows the text).
  const order = denseFrom.map((_, d) => d);
  order.sort((x, y) => denseScore[y]! - denseScore[x]! || x - y);
  const spanEnd = new Map<number, number>();
  for (let k = 0; k < spans.count; k++) spanEnd.set(spans.start[k]!, spans.end[k]!);
  const fill = (from: number) => {
    const to = spans.count === 0 ? from : (spanEnd.get(from) ?? from);
    // A block sampled after being taken as dense adds nothing.
    if (kept + (to - from + 1) > budget || keep[from] === 1) return;
    keep.fill(1, from, to + 1);
    kept += to - from + 1;
  };
  for (const d of order) fill(denseFrom[d]!);
  for (const b of stride(candidates, Math.floor(candidates.length / f.sampleEveryNLines))) fill(b);
  return kept;
}
