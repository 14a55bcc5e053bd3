import type { CompressionHint, FieldSemanticsView, ToinConfig, ToinPatternView } from '@headroom/core';
import { hashMap, ranked } from './bounded.js';
import { fieldSemantics, MIN_SEMANTIC_CONFIDENCE, round } from './field-semantics.js';
import { LIMITS } from './limits.js';
import { type PatternState, samplesOf } from './pattern.js';
import { hashField } from './privacy.js';
import { asksForAll, parseQuery } from './query.js';

/** Everything a read needs about one signature, computed once per snapshot and then frozen. */
export interface Derived {
  readonly view: Readonly<ToinPatternView>;
  /** Undefined below `minSamplesForRecommendation`. */
  readonly hint: Readonly<CompressionHint> | undefined;
  /** Per field hash: whether any value other than the default is important (error indicators). */
  readonly errorFields: ReadonlyMap<string, string | undefined>;
  /** `field:value` hashes that are important. */
  readonly important: ReadonlySet<string>;
  /** Field hashes that queries have named, for the per-call query step. */
  readonly queried: ReadonlySet<string>;
}

type AdviceConfig = Pick<
  ToinConfig,
  | 'minSamplesForRecommendation'
  | 'minUsersForNetworkEffect'
  | 'highRetrievalThreshold'
  | 'mediumRetrievalThreshold'
  | 'fullRetrievalSkipThreshold'
>;

/** §4.5: grows with samples to 0.7; three or more instances add up to 0.3. */
export function confidenceOf(samples: number, users: number): number {
  const local = Math.min(0.7, Math.max(0, samples) / 100);
  const network = users >= 3 ? Math.min(0.3, 0.03 * users) : 0;
  return round(Math.min(0.95, local + network));
}

/** The floor on k; a hint has no field that can lower it (§4.6). */
export const FLOOR_HIGH = 50;
export const FLOOR_MEDIUM = 25;

function baseHint(
  p: PatternState,
  view: ToinPatternView,
  users: number,
  importantValues: { field: string; value: string }[],
  cfg: AdviceConfig,
): CompressionHint | undefined {
  const samples = samplesOf(p);
  if (samples < cfg.minSamplesForRecommendation) return undefined;
  const rate = p.retrievals / samples;
  const fullRate = p.retrievals === 0 ? 0 : p.fullRetrievals / p.retrievals;
  const common = {
    preserveFields: view.commonlyRetrievedFields.slice(0, 5),
    importantValues,
    confidence: view.confidence,
    source: users >= cfg.minUsersForNetworkEffect ? ('network' as const) : ('local' as const),
  };
  if (rate > cfg.highRetrievalThreshold && fullRate > cfg.fullRetrievalSkipThreshold)
    return { skip: true, ...common, reason: 'mostly fully retrieved' };
  if (rate > cfg.highRetrievalThreshold)
    return { skip: false, minItems: FLOOR_HIGH, ...common, reason: 'high retrieval rate' };
  if (rate > cfg.mediumRetrievalThreshold)
    return { skip: false, minItems: FLOOR_MEDIUM, ...common, reason: 'medium retrieval rate' };
  return { skip: false, ...common, reason: 'low retrieval rate' };
}

const NONE: ReadonlySet<string> = Object.freeze(new Set<string>());
const NO_FIELDS: ReadonlyMap<string, string | undefined> = Object.freeze(new Map());

/** Freezes what reads hand out, so no caller can change a published snapshot through it. */
function freezeView(view: ToinPatternView, hint: CompressionHint | undefined): void {
  for (const s of Object.values(view.fieldSemantics)) Object.freeze(Object.freeze(s).importantValues);
  Object.freeze(view.fieldSemantics);
  Object.freeze(view.commonlyRetrievedFields);
  Object.freeze(view);
  if (!hint) return;
  for (const v of hint.importantValues) Object.freeze(v);
  Object.freeze(hint.importantValues);
  Object.freeze(hint.preserveFields);
  Object.freeze(hint);
}

/** The view, hint and lookup sets of a (combined) pattern; `users` is how many instances fed it. */
export function derive(signature: string, p: PatternState, users: number, cfg: AdviceConfig): Derived {
  const samples = samplesOf(p);
  const queriedCounts = hashMap();
  const semantics = hashMap<FieldSemanticsView>();
  let errorFields: Map<string, string | undefined> | undefined;
  let important: Set<string> | undefined;
  const importantValues: { field: string; value: string }[] = [];
  for (const hash of Object.keys(p.fields).sort()) {
    const f = p.fields[hash]!;
    if (f.queried > 0) queriedCounts[hash] = f.queried;
    const s = fieldSemantics(f);
    if (!s) continue;
    semantics[hash] = s;
    if (s.inferredType === 'error_indicator' && s.confidence >= MIN_SEMANTIC_CONFIDENCE) {
      errorFields ??= new Map();
      errorFields.set(hash, s.defaultValue);
    }
    for (const value of s.importantValues) {
      important ??= new Set();
      important.add(`${hash}:${value}`);
      if (importantValues.length < LIMITS.importantValues) importantValues.push({ field: hash, value });
    }
  }
  const queried = Object.keys(queriedCounts);
  const common = ranked(queriedCounts)
    .filter((h) => queriedCounts[h]! >= LIMITS.commonAfter)
    .slice(0, LIMITS.commonFields);
  const view: ToinPatternView = {
    signature,
    compressions: p.compressions,
    retrievals: p.retrievals,
    fullRetrievals: p.fullRetrievals,
    retrievalRate: round(Math.min(1, p.retrievals / Math.max(1, samples))),
    fullRetrievalRate: round(p.retrievals === 0 ? 0 : p.fullRetrievals / p.retrievals),
    evictedUnretrieved: p.evictedUnretrieved,
    commonlyRetrievedFields: common,
    fieldSemantics: semantics,
    confidence: confidenceOf(samples, users),
    users,
  };
  const hint = baseHint(p, view, users, importantValues, cfg);
  freezeView(view, hint);
  return Object.freeze({
    view,
    hint,
    errorFields: errorFields ?? NO_FIELDS,
    important: important ?? NONE,
    queried: queried.length > 0 ? new Set(queried) : NONE,
  });
}

/** Query words that are never field names; skipping them saves a SHA-256 each on the read path. */
const FILLER = new Set(
  'a an the of for with and or in on at is are be me my our show list find get give all any every complete full entire exhaustive please what which who that this these those'.split(
    ' ',
  ),
);
/** At most this many words of a query are hashed per `advise`. */
const MAX_CANDIDATES = 8;

/** Names a query may be using as field names: its terms' names first, then its other words. */
function fieldCandidates(query: string): string[] {
  const parsed = parseQuery(query);
  const out = new Set<string>();
  for (const name of [...parsed.terms.map((t) => t.name), ...parsed.words]) {
    if (out.size >= MAX_CANDIDATES) break;
    if (!FILLER.has(name.toLowerCase())) out.add(name);
  }
  return [...out];
}

/**
 * The per-call step (§4.6), pure: "all"-style words raise the floor to 50, and fields the query
 * names that were queried before go first in `preserveFields`.
 */
export function adviseFor(d: Derived, query: string | undefined): CompressionHint | undefined {
  const base = d.hint;
  if (!base) return undefined;
  if (!query) return { ...base };
  const hint: CompressionHint = { ...base };
  if (!base.skip && asksForAll(query)) {
    hint.minItems = Math.max(base.minItems ?? 0, FLOOR_HIGH);
    hint.reason = `${base.reason}; query asks for everything`;
  }
  if (d.queried.size > 0) {
    const named: string[] = [];
    for (const name of fieldCandidates(query)) {
      const h = hashField(name);
      if (d.queried.has(h)) named.push(h);
    }
    if (named.length > 0) {
      const rest = base.preserveFields.filter((h) => !named.includes(h));
      hint.preserveFields = [...named, ...rest].slice(0, LIMITS.preserveFields);
    }
  }
  return hint;
}
