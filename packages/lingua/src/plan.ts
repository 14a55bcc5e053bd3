import { type Chunk, packChunks } from './chunk.js';
import type { ForceWords } from './force-words.js';
import { rebuild } from './reconstruct.js';
import { type Segmented, segment } from './segment.js';
import { dropConsecutiveRepeats, selectWords } from './select.js';
import type { WordIds } from './word-ids.js';

/** Everything about a text the model does not decide: its words, their ids and costs, what must stay. */
export interface Plan {
  seg: Segmented;
  /** Model ids per word. */
  ids: (readonly number[])[];
  /** Model tokens per word. */
  costs: Uint32Array;
  forced: Uint8Array;
  /** Protected or forced. */
  must: Uint8Array;
  chunks: Chunk[];
}

/** Segments `text`, encodes each word (cached), marks protected and forced words, and packs chunks. */
export function planText(
  text: string,
  words: WordIds,
  force: ForceWords,
  opts: { protectCustomTags: boolean; capacity: number },
): Plan {
  const seg = segment(text, opts.protectCustomTags);
  const n = seg.words.length;
  const ids: (readonly number[])[] = new Array(n);
  const costs = new Uint32Array(n);
  const forced = new Uint8Array(n);
  const must = new Uint8Array(n);
  // Prose repeats its words: look each distinct one up once per call.
  const seen = new Map<string, { ids: readonly number[]; forced: number }>();
  for (let i = 0; i < n; i++) {
    const word = seg.words[i]!;
    let info = seen.get(word);
    if (info === undefined) {
      info = { ids: words.of(word), forced: force.size > 0 && force.matches(word) ? 1 : 0 };
      seen.set(word, info);
    }
    ids[i] = info.ids;
    costs[i] = info.ids.length;
    forced[i] = info.forced;
    must[i] = seg.protect[i]! | info.forced;
  }
  return { seg, ids, costs, forced, must, chunks: packChunks(costs, seg.breakAfter, opts.capacity) };
}

/** The kept words for keep probabilities `probs` at keep rate `rate`, rebuilt with the original layout. */
export function realize(
  plan: Plan,
  probs: ArrayLike<number>,
  rate: number,
  dropConsecutive: boolean,
): string {
  const { keep } = selectWords({ costs: plan.costs, probs, must: plan.must, rate });
  if (dropConsecutive) dropConsecutiveRepeats(plan.seg.words, keep, plan.forced, plan.seg.protect);
  return rebuild(plan.seg, keep);
}
