import {
  type CompressionEvent,
  type DropEvent,
  type EvictionFeedback,
  type JsonValue,
  RawNumber,
  type RetrievalFeedback,
} from '@headroom/core';
import { bump, sizeAtMost } from './bounded.js';
import { batchFields, retrievedValues } from './item-stats.js';
import { LIMITS } from './limits.js';
import { emptyField, type FieldState, opIndex, type PatternState } from './pattern.js';
import { anonymizeQuery, hashField, safeStrategy } from './privacy.js';
import { parseQuery, type QueryOp } from './query.js';

/**
 * The write side: folds one event into a pattern. Raw items and queries are hashed here and go no
 * further. Inputs come from other code, so every number is checked before it counts.
 */

const count = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) && x > 0 ? x : 0);
const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/** The field's state, created while the pattern has room for another field. */
function fieldOf(p: PatternState, hash: string, maxFields: number): FieldState | undefined {
  let f = p.fields[hash];
  if (!f && sizeAtMost(p.fields, maxFields - 1)) {
    f = emptyField();
    p.fields[hash] = f;
  }
  return f;
}

/** Adjusts a strategy's success rate; a new strategy is admitted while fewer than 20 are tracked. */
function strategySuccess(p: PatternState, strategy: string | undefined, delta: number, isNew: boolean): void {
  if (!strategy) return;
  const key = safeStrategy(strategy);
  const s = p.strategies[key];
  if (s) {
    s.success = clamp01(s.success + delta);
    if (isNew) s.n++;
  } else if (isNew && sizeAtMost(p.strategies, LIMITS.strategies - 1)) {
    p.strategies[key] = { n: 1, success: 1 };
  }
}

export function recordCompressionInto(p: PatternState, e: CompressionEvent, maxFields: number): void {
  p.compressions++;
  const before = count(e.itemsBefore);
  if (before > 0 && e.itemsAfter !== undefined) {
    p.itemRatio += clamp01(count(e.itemsAfter) / before);
    p.itemRatioN++;
  }
  const tokensBefore = count(e.tokensBefore);
  if (tokensBefore > 0) {
    p.tokenReduction += clamp01(1 - count(e.tokensAfter) / tokensBefore);
    p.tokenReductionN++;
  }
  strategySuccess(p, e.strategy, 0.02, true);
  if (e.query) {
    const shape = anonymizeQuery(e.query);
    if (shape) bump(p.queries, shape, LIMITS.queryPatterns);
  }
  if (e.items && e.items.length > 0) {
    for (const b of batchFields(e.items, LIMITS.items, maxFields)) {
      const f = fieldOf(p, b.field, maxFields);
      if (!f) continue;
      f.seen++;
      f.items += b.items;
      f.distinct += b.distinctRatio;
      // A batch's most common value matters only if it is common (a default); unique values are noise.
      if (b.topCount >= 2 && b.topCount * 5 >= b.items) bump(f.top, b.top, LIMITS.topValues, b.topCount);
    }
  }
}

/** Fields a query names, with its operator: `name op value` terms, and bare words naming a known field. */
function namedFields(p: PatternState, query: string): { named: Map<string, QueryOp>; op: QueryOp } {
  const parsed = parseQuery(query);
  const named = new Map<string, QueryOp>();
  for (const t of parsed.terms) {
    const h = hashField(t.name);
    if (!named.has(h)) named.set(h, t.op);
  }
  for (const w of parsed.words) {
    const h = hashField(w);
    if (!named.has(h) && p.fields[h]) named.set(h, parsed.op);
  }
  return { named, op: parsed.op };
}

const isScalar = (v: JsonValue) =>
  v !== null && (typeof v !== 'object' || v instanceof RawNumber) && String(v).length > 0;

/** Unseen in compressions, or mostly repeated values there: its retrieved values are worth counting. */
function lowCardinality(p: PatternState, hash: string): boolean {
  const f = p.fields[hash];
  return !f || f.seen === 0 || f.distinct / f.seen < 0.5;
}

export function recordRetrievalInto(p: PatternState, e: RetrievalFeedback, maxFields: number): void {
  p.retrievals++;
  if (e.kind === 'full') p.fullRetrievals++;
  strategySuccess(p, e.strategy, e.kind === 'full' ? -0.15 : -0.05, false);
  const { named, op } = e.query
    ? namedFields(p, e.query)
    : { named: new Map<string, QueryOp>(), op: 'eq' as const };
  const query = e.query?.toLowerCase() ?? '';
  const values = e.retrievedItems?.length
    ? retrievedValues(
        e.retrievedItems,
        { maxItems: LIMITS.items, maxFields },
        (h, ratio) => ratio <= 0.5 || lowCardinality(p, h),
        (v) => query.length > 0 && isScalar(v) && query.includes(String(v).toLowerCase()),
      )
    : new Map<string, string[]>();
  const touched = new Set([...named.keys(), ...values.keys()]);
  for (const hash of touched) {
    const f = fieldOf(p, hash, maxFields);
    if (!f) continue;
    f.touched++;
    const fieldOp = named.get(hash);
    if (fieldOp !== undefined) f.queried++;
    f.ops[opIndex(fieldOp ?? op)]!++;
    for (const v of values.get(hash) ?? []) bump(f.retrieved, v, LIMITS.retrievedValues);
  }
}

/** Unretrieved: the compression was enough. Never a retrieval. */
export function recordEvictionInto(p: PatternState, e: EvictionFeedback & { strategy?: string }): void {
  if (e.retrieved) {
    p.evictedRetrieved++;
    return;
  }
  p.evictedUnretrieved++;
  strategySuccess(p, e.strategy, 0.05, false);
}

export function recordDropInto(p: PatternState, e: DropEvent): void {
  p.drops++;
  p.droppedItems += count(e.count);
  p.droppedTokens += count(e.tokens);
}
