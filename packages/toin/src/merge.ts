import { addCounts, dict, hashMap, ranked, sizeAtMost } from './bounded.js';
import { LIMITS } from './limits.js';
import { emptyPattern, type FieldState, type PatternState } from './pattern.js';

function mergeField(a: FieldState, b: FieldState): FieldState {
  return {
    seen: a.seen + b.seen,
    items: a.items + b.items,
    distinct: a.distinct + b.distinct,
    top: addCounts(a.top, b.top, LIMITS.topValues),
    touched: a.touched + b.touched,
    queried: a.queried + b.queried,
    ops: a.ops.map((n, i) => n + (b.ops[i] ?? 0)),
    retrieved: addCounts(a.retrieved, b.retrieved, LIMITS.retrievedValues),
  };
}

/**
 * The pattern of two instances together: counters and sums add, success rates are weighted by
 * their sample counts, bounded maps are unioned and re-capped by count (ties by key), so the
 * result does not depend on which side is which. The result may share parts with its inputs: use
 * it to read, or in place of both.
 */
export function mergePatterns(a: PatternState, b: PatternState, maxFields: number): PatternState {
  // Spelled out rather than looped over names: monomorphic property access, several times faster.
  const out: PatternState = {
    compressions: a.compressions + b.compressions,
    retrievals: a.retrievals + b.retrievals,
    fullRetrievals: a.fullRetrievals + b.fullRetrievals,
    evictedUnretrieved: a.evictedUnretrieved + b.evictedUnretrieved,
    evictedRetrieved: a.evictedRetrieved + b.evictedRetrieved,
    drops: a.drops + b.drops,
    droppedItems: a.droppedItems + b.droppedItems,
    droppedTokens: a.droppedTokens + b.droppedTokens,
    itemRatio: a.itemRatio + b.itemRatio,
    itemRatioN: a.itemRatioN + b.itemRatioN,
    tokenReduction: a.tokenReduction + b.tokenReduction,
    tokenReductionN: a.tokenReductionN + b.tokenReductionN,
    strategies: dict(),
    queries: addCounts(a.queries, b.queries, LIMITS.queryPatterns),
    fields: hashMap(),
  };

  const strategies = out.strategies;
  const byUse = dict();
  for (const side of [a.strategies, b.strategies]) {
    for (const name in side) {
      const s = side[name]!;
      const prev = strategies[name];
      strategies[name] = prev
        ? { n: prev.n + s.n, success: (prev.success * prev.n + s.success * s.n) / (prev.n + s.n || 1) }
        : { ...s };
      byUse[name] = strategies[name].n;
    }
  }
  if (!sizeAtMost(byUse, LIMITS.strategies)) {
    out.strategies = dict();
    for (const name of ranked(byUse).slice(0, LIMITS.strategies)) out.strategies[name] = strategies[name]!;
  }

  const weight = hashMap();
  for (const side of [a.fields, b.fields]) {
    for (const hash in side) {
      if (weight[hash] !== undefined) continue;
      const [fa, fb] = [a.fields[hash], b.fields[hash]];
      // A field only one side has is shared, not copied: merged patterns are read or replace both.
      const f = fa && fb ? mergeField(fa, fb) : (fa ?? fb)!;
      out.fields[hash] = f;
      weight[hash] = f.seen + f.touched;
    }
  }
  if (sizeAtMost(weight, maxFields)) return out;
  const fields = out.fields;
  out.fields = hashMap();
  for (const hash of ranked(weight).slice(0, maxFields)) out.fields[hash] = fields[hash]!;
  return out;
}

/** All contributions to one signature, folded in the order given (callers sort by instance id). */
export function combine(parts: readonly PatternState[], maxFields: number): PatternState {
  let out = parts[0] ?? emptyPattern();
  for (let i = 1; i < parts.length; i++) out = mergePatterns(out, parts[i]!, maxFields);
  return out;
}
