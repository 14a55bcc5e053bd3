import type { ToinExport } from '@headroom/core';
import { type Counts, dict, hashMap, ranked, sizeAtMost, topCounts } from './bounded.js';
import { LIMITS } from './limits.js';
import {
  emptyField,
  emptyPattern,
  type FieldState,
  type PatternState,
  type StrategyState,
} from './pattern.js';
import { QUERY_OPS } from './query.js';

/** The format this package writes; a newer one is refused, never guessed at. */
export const TOIN_FORMAT_VERSION = 1;

export type PatternMap = Record<string, PatternState>;

/**
 * What `export()` returns and backends store: this instance's own observations under `patterns`,
 * and the latest export of every peer it merged under `peers`, each kept apart so that a newer
 * export from the same peer replaces the older one instead of adding to it.
 */
export interface ToinState extends ToinExport {
  patterns: PatternMap;
  peers?: Record<string, { exportedAt: number; patterns: PatternMap }>;
}

export type DecodeResult =
  | { ok: true; state: ToinState; rejectedPatterns: number }
  | { ok: false; reason: 'newer_version' | 'invalid'; detail: string };

const HEX8 = /^[0-9a-f]{8}$/;
const INSTANCE = /^[0-9a-f]{16}$/;
const KEY = /^[0-9a-f]{8}:[0-9a-f]{24}$/;
const STRATEGY = /^(?:[a-z0-9_:.-]{1,48}|h:[0-9a-f]{12})$/;
const QUERY_SHAPE =
  /^(?:[0-9a-f]{8}(?:=|!=|>|>=|<|<=|~)\*|\*)(?: (?:[0-9a-f]{8}(?:=|!=|>|>=|<|<=|~)\*|\*))*$/;

class Invalid extends Error {}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function num(v: unknown, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > max) throw new Invalid('bad number');
  return v;
}

function counts(v: unknown, key: RegExp, cap: number): Counts {
  if (!isRecord(v)) throw new Invalid('bad counts');
  const out = hashMap();
  // for…in, not Object.entries: no pair arrays, and loading 10,000 patterns is mostly this loop.
  for (const k in v) {
    if (!key.test(k)) throw new Invalid('bad key');
    out[k] = num(v[k]);
  }
  // Within the cap the order is kept, so a save and load round-trip byte for byte.
  return sizeAtMost(out, cap) ? out : topCounts(out, cap);
}

/** The keys to keep: all of them in their order when within the cap, else the heaviest. */
const kept = (weights: Counts, cap: number): string[] =>
  sizeAtMost(weights, cap) ? Object.keys(weights) : ranked(weights).slice(0, cap);

function field(v: unknown): FieldState {
  if (!isRecord(v) || !Array.isArray(v.ops) || v.ops.length !== QUERY_OPS.length)
    throw new Invalid('bad field');
  const f = emptyField();
  f.seen = num(v.seen);
  f.items = num(v.items);
  f.distinct = num(v.distinct);
  f.touched = num(v.touched);
  f.queried = num(v.queried);
  f.ops = (v.ops as unknown[]).map((n) => num(n));
  f.top = counts(v.top, HEX8, LIMITS.topValues);
  f.retrieved = counts(v.retrieved, HEX8, LIMITS.retrievedValues);
  return f;
}

/** A pattern from untrusted JSON: every key must be a hash or a safe name, every number finite. */
export function decodePattern(v: unknown, maxFields: number): PatternState | undefined {
  try {
    if (!isRecord(v) || !isRecord(v.strategies) || !isRecord(v.fields)) return undefined;
    const p = emptyPattern();
    p.compressions = num(v.compressions);
    p.retrievals = num(v.retrievals);
    p.fullRetrievals = num(v.fullRetrievals);
    p.evictedUnretrieved = num(v.evictedUnretrieved);
    p.evictedRetrieved = num(v.evictedRetrieved);
    p.drops = num(v.drops);
    p.droppedItems = num(v.droppedItems);
    p.droppedTokens = num(v.droppedTokens);
    p.itemRatio = num(v.itemRatio);
    p.itemRatioN = num(v.itemRatioN);
    p.tokenReduction = num(v.tokenReduction);
    p.tokenReductionN = num(v.tokenReductionN);
    const uses = dict();
    const strategies = dict<StrategyState>();
    for (const name in v.strategies) {
      const s = v.strategies[name];
      if (!STRATEGY.test(name) || !isRecord(s)) return undefined;
      strategies[name] = { n: num(s.n), success: num(s.success, 1) };
      uses[name] = strategies[name].n;
    }
    for (const name of kept(uses, LIMITS.strategies)) p.strategies[name] = strategies[name]!;
    p.queries = counts(v.queries, QUERY_SHAPE, LIMITS.queryPatterns);
    const fields = hashMap<FieldState>();
    const weight = hashMap();
    for (const hash in v.fields) {
      if (!HEX8.test(hash)) return undefined;
      fields[hash] = field(v.fields[hash]);
      weight[hash] = fields[hash].seen + fields[hash].touched;
    }
    for (const hash of kept(weight, maxFields)) p.fields[hash] = fields[hash]!;
    return p;
  } catch (error) {
    if (error instanceof Invalid) return undefined;
    throw error;
  }
}

function decodePatterns(v: unknown, maxFields: number, maxPatterns: number): [PatternMap, number] {
  if (!isRecord(v)) throw new Invalid('patterns is not an object');
  const out: PatternMap = hashMap<PatternState>();
  let rejected = 0;
  // Export order is least recently updated first: keep the newest `maxPatterns`.
  const entries = Object.entries(v).slice(-maxPatterns);
  for (const [key, raw] of entries) {
    const p = KEY.test(key) ? decodePattern(raw, maxFields) : undefined;
    if (p) out[key] = p;
    else rejected++;
  }
  return [out, rejected];
}

/** Checks the envelope of anything claiming to be a TOIN export; `data` is untrusted. */
export function checkEnvelope(
  data: unknown,
): { ok: true } | { ok: false; reason: 'newer_version' | 'invalid'; detail: string } {
  if (!isRecord(data)) return { ok: false, reason: 'invalid', detail: 'not a JSON object' };
  if (typeof data.version !== 'number') return { ok: false, reason: 'invalid', detail: 'no version' };
  if (data.version > TOIN_FORMAT_VERSION)
    return {
      ok: false,
      reason: 'newer_version',
      detail: `format version ${data.version} is newer than ${TOIN_FORMAT_VERSION}`,
    };
  if (data.version !== TOIN_FORMAT_VERSION)
    return { ok: false, reason: 'invalid', detail: `unknown format version ${data.version}` };
  if (typeof data.instanceId !== 'string' || !INSTANCE.test(data.instanceId))
    return { ok: false, reason: 'invalid', detail: 'bad instanceId' };
  if (typeof data.exportedAt !== 'number' || !Number.isFinite(data.exportedAt))
    return { ok: false, reason: 'invalid', detail: 'bad exportedAt' };
  if (!isRecord(data.patterns)) return { ok: false, reason: 'invalid', detail: 'no patterns' };
  return { ok: true };
}

export interface DecodeLimits {
  maxFields: number;
  maxPatterns: number;
}

/**
 * States this module just produced, with the limits they were decoded under. A backend that
 * decodes (to set a bad file aside) hands its result to `Toin`, which then need not decode the
 * same thing again; each entry is used once, so no two owners ever share a decoded state.
 */
const decoded = new WeakMap<object, DecodeLimits>();

/** Validates and copies an export: a bad envelope rejects it whole, a bad pattern only itself. */
export function decodeState(data: unknown, limits: DecodeLimits): DecodeResult {
  const fresh = typeof data === 'object' && data !== null ? decoded.get(data) : undefined;
  if (fresh) {
    decoded.delete(data as object);
    if (fresh.maxFields <= limits.maxFields && fresh.maxPatterns <= limits.maxPatterns)
      return { ok: true, state: data as ToinState, rejectedPatterns: 0 };
  }
  const envelope = checkEnvelope(data);
  if (!envelope.ok) return envelope;
  const d = data as Record<string, unknown>;
  try {
    const [patterns, rejectedOwn] = decodePatterns(d.patterns, limits.maxFields, limits.maxPatterns);
    let rejectedPatterns = rejectedOwn;
    const state: ToinState = {
      version: TOIN_FORMAT_VERSION,
      exportedAt: d.exportedAt as number,
      instanceId: d.instanceId as string,
      patterns,
    };
    if (d.peers !== undefined) {
      if (!isRecord(d.peers)) throw new Invalid('peers is not an object');
      state.peers = hashMap();
      for (const [id, peer] of Object.entries(d.peers).slice(0, LIMITS.origins)) {
        if (
          !INSTANCE.test(id) ||
          !isRecord(peer) ||
          typeof peer.exportedAt !== 'number' ||
          !Number.isFinite(peer.exportedAt)
        )
          throw new Invalid('bad peer entry');
        const [pp, rejected] = decodePatterns(peer.patterns, limits.maxFields, limits.maxPatterns);
        rejectedPatterns += rejected;
        state.peers[id] = { exportedAt: peer.exportedAt, patterns: pp };
      }
    }
    decoded.set(state, limits);
    return { ok: true, state, rejectedPatterns };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, reason: 'invalid', detail: error.message };
    throw error;
  }
}
