import type { CaseResult, Score } from './score.js';

/** One method over every case of one kind. Ratios are over summed tokens and summed items. */
export interface MethodSummary {
  cases: number;
  tokensBefore: number;
  tokensAfter: number;
  /** 1 − after/before. */
  reduction: number;
  /** Kept must-keep items / all of them (1 when a kind has none). */
  recall: number;
  /** Valid outputs / checked outputs; absent when the kind has no check. */
  validity?: number;
  ccrMarkers: number;
  ccrExact: number;
  ccrEquivalent: number;
  pairViolations?: number;
  goldRetention?: number;
  cacheHitRate?: number;
  /** Milliseconds, summed over the kind's cases. */
  ms: number;
}

export type Summary = Record<string, Record<string, MethodSummary>>;

const sum = (scores: Score[], pick: (s: Score) => number | undefined): number =>
  scores.reduce((a, s) => a + (pick(s) ?? 0), 0);

function summarize(scores: Score[]): MethodSummary {
  const before = sum(scores, (s) => s.tokensBefore);
  const after = sum(scores, (s) => s.tokensAfter);
  const must = sum(scores, (s) => s.mustKeep);
  const checked = scores.filter((s) => s.valid !== undefined);
  const conv = scores.filter((s) => s.pairViolations !== undefined);
  const gold = sum(scores, (s) => s.gold);
  const out: MethodSummary = {
    cases: scores.length,
    tokensBefore: before,
    tokensAfter: after,
    reduction: before === 0 ? 0 : 1 - after / before,
    recall: must === 0 ? 1 : sum(scores, (s) => s.kept) / must,
    ccrMarkers: sum(scores, (s) => s.ccrMarkers),
    ccrExact: sum(scores, (s) => s.ccrExact),
    ccrEquivalent: sum(scores, (s) => s.ccrEquivalent),
    ms: sum(scores, (s) => s.ms),
  };
  if (checked.length > 0) out.validity = checked.filter((s) => s.valid).length / checked.length;
  if (conv.length > 0) {
    out.pairViolations = sum(conv, (s) => s.pairViolations);
    out.cacheHitRate = sum(conv, (s) => s.cacheHitRate) / conv.length;
  }
  if (gold > 0) out.goldRetention = sum(scores, (s) => s.goldKept) / gold;
  return out;
}

/** Per kind, per method, in first-seen order. */
export function summarizeCases(cases: readonly CaseResult[]): Summary {
  const byKind = new Map<string, CaseResult[]>();
  for (const c of cases) byKind.set(c.kind, [...(byKind.get(c.kind) ?? []), c]);
  const out: Summary = {};
  for (const [kind, list] of byKind) {
    const methods: Record<string, MethodSummary> = {};
    for (const method of Object.keys(list[0]!.methods))
      methods[method] = summarize(list.map((c) => c.methods[method]!).filter(Boolean));
    out[kind] = methods;
  }
  return out;
}
