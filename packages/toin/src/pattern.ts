import { type Counts, dict, hashMap } from './bounded.js';
import { QUERY_OPS, type QueryOp } from './query.js';

/**
 * What one instance has learned about one signature: hashes and numeric aggregates only. Means
 * are kept as sums with their sample counts, so merging instances is an exact sum.
 */
export interface PatternState {
  compressions: number;
  retrievals: number;
  fullRetrievals: number;
  evictedUnretrieved: number;
  evictedRetrieved: number;
  drops: number;
  droppedItems: number;
  droppedTokens: number;
  /** Σ itemsAfter / itemsBefore, over `itemRatioN` compressions. */
  itemRatio: number;
  itemRatioN: number;
  /** Σ (1 − tokensAfter / tokensBefore), over `tokenReductionN` compressions. */
  tokenReduction: number;
  tokenReductionN: number;
  strategies: Record<string, StrategyState>;
  /** Anonymized query shape → compressions that carried it. */
  queries: Counts;
  fields: Record<string, FieldState>;
}

export interface StrategyState {
  n: number;
  /** Starts at 1; compressions and unretrieved evictions raise it, retrievals lower it. */
  success: number;
}

export interface FieldState {
  /** Compressions whose sampled items held the field. */
  seen: number;
  /** Sampled items holding it. */
  items: number;
  /** Σ distinct-value ratio per compression. */
  distinct: number;
  /** Each compression's most common value hash → items holding it. */
  top: Counts;
  /** Retrievals whose query or returned items touched the field. */
  touched: number;
  /** Retrievals whose query named the field. */
  queried: number;
  /** Operator counts of those touches, in `QUERY_OPS` order. */
  ops: number[];
  /** Value hash → retrievals that returned it. */
  retrieved: Counts;
}

export function emptyPattern(): PatternState {
  return {
    compressions: 0,
    retrievals: 0,
    fullRetrievals: 0,
    evictedUnretrieved: 0,
    evictedRetrieved: 0,
    drops: 0,
    droppedItems: 0,
    droppedTokens: 0,
    itemRatio: 0,
    itemRatioN: 0,
    tokenReduction: 0,
    tokenReductionN: 0,
    strategies: dict(),
    queries: hashMap(),
    fields: hashMap(),
  };
}

export function emptyField(): FieldState {
  return {
    seen: 0,
    items: 0,
    distinct: 0,
    top: hashMap(),
    touched: 0,
    queried: 0,
    ops: QUERY_OPS.map(() => 0),
    retrieved: hashMap(),
  };
}

export const opIndex = (op: QueryOp): number => QUERY_OPS.indexOf(op);

/** Compressions plus context drops: the events that put something behind a marker. */
export const samplesOf = (p: PatternState): number => p.compressions + p.drops;
