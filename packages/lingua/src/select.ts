/** What selection needs per word. */
export interface SelectionInput {
  /** Model tokens per word (the budget's unit). */
  costs: ArrayLike<number>;
  /** Keep probability per word (ignored for must-keep words). */
  probs: ArrayLike<number>;
  /** 1 = protected or forced: taken first, whatever the budget. */
  must: ArrayLike<number>;
  /** Keep rate in [0, 1]: the fraction of model tokens to keep. */
  rate: number;
}

export interface Selection {
  keep: Uint8Array;
  totalTokens: number;
  keptTokens: number;
}

/**
 * Rate-exact selection: budget = ⌈rate · total⌉ model tokens; must-keep words first, then the rest
 * by keep probability (ties by position), each taken when it still fits. Skipping a word that does
 * not fit and trying smaller ones lands within one word of the budget.
 */
export function selectWords({ costs, probs, must, rate }: SelectionInput): Selection {
  const n = costs.length;
  const keep = new Uint8Array(n);
  let total = 0;
  let used = 0;
  const candidates: number[] = [];
  for (let i = 0; i < n; i++) {
    total += costs[i]!;
    if (must[i]) {
      keep[i] = 1;
      used += costs[i]!;
    } else candidates.push(i);
  }
  const budget = Math.ceil(rate * total);
  for (const i of byProbability(candidates, probs)) {
    if (used + costs[i]! <= budget) {
      keep[i] = 1;
      used += costs[i]!;
    }
  }
  return { keep, totalTokens: total, keptTokens: used };
}

const LEVELS = 2 ** 26;

/**
 * Candidates by keep probability descending, ties by position: one native numeric sort of keys
 * `(1 − p) · 2²⁶ · 2²⁶ + index` (p quantized to 2⁻²⁶, exact in a double for up to 2²⁶ words),
 * several times faster than a comparator sort.
 */
function byProbability(candidates: readonly number[], probs: ArrayLike<number>): Float64Array {
  const keys = new Float64Array(candidates.length);
  for (let k = 0; k < candidates.length; k++) {
    const i = candidates[k]!;
    const p = Math.min(1, Math.max(0, probs[i]!));
    keys[k] = Math.floor((1 - p) * (LEVELS - 1)) * LEVELS + i;
  }
  keys.sort();
  for (let k = 0; k < keys.length; k++) keys[k] = keys[k]! % LEVELS;
  return keys;
}

/**
 * `dropConsecutive`: a forced word kept right after the same forced word (nothing kept between) is
 * a repeat the model does not need; protected words are never dropped.
 */
export function dropConsecutiveRepeats(
  words: readonly string[],
  keep: Uint8Array,
  forced: ArrayLike<number>,
  protect: ArrayLike<number>,
): void {
  let previous = -1;
  for (let i = 0; i < words.length; i++) {
    if (!keep[i]) continue;
    if (previous >= 0 && forced[i] && forced[previous] && !protect[i] && words[i] === words[previous]) {
      keep[i] = 0;
      continue;
    }
    previous = i;
  }
}
