import type { IntelligentContextConfig, ToinAdvisor, Unit } from '@headroom/core';
import { forwardReferences } from './forward-references.js';
import { norm, sumTerms, TfIdf } from './tfidf.js';
import { type ToinSignal, toinSignal } from './toin-signal.js';
import type { UnitScore } from './types.js';
import type { UnitFeatures } from './unit-features.js';

export interface ScoreInput {
  /** Every unit but the external system prompt's, oldest first (`unitFeatures`). */
  units: readonly UnitFeatures[];
  /** Ids of the units to score (the droppable ones). */
  candidates: ReadonlySet<number>;
  config: IntelligentContextConfig;
  toin?: ToinAdvisor;
  /** Similarity to the recent context from an embedder, per unit id; else TF-IDF. */
  semantic?: ReadonlyMap<number, number>;
  warnings: string[];
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** Information density: share of distinct words, mapped so 20 % distinct is 0 and 80 % is 1. */
function density(u: UnitFeatures): number {
  return u.words < 10 ? 0.5 : clamp01((u.terms.size / u.words - 0.2) / 0.6);
}

/**
 * `useImportanceScoring: false`: the score is the unit's position among `units` (oldest lowest),
 * so dropping goes by age; no factor is computed, and each is reported as 0.
 */
export function positionalScores(units: readonly Unit[], candidates: ReadonlySet<number>): UnitScore[] {
  const out: UnitScore[] = [];
  units.forEach((u, order) => {
    if (!candidates.has(u.id)) return;
    const total = (order + 1) / units.length;
    out.push({
      unit: u.id,
      total,
      recency: 0,
      semantic: 0,
      toin: 0,
      error: 0,
      forwardReference: 0,
      density: 0,
    });
  });
  return out;
}

/**
 * Importance of each candidate unit in [0, 1]: the weighted sum of recency, similarity to the
 * recent context, TOIN-learned importance, error indicators, forward references and density.
 */
export function scoreUnits(input: ScoreInput): UnitScore[] {
  const { units, candidates, config } = input;
  const chosen = units.filter((u) => candidates.has(u.unit.id));
  const n = units.length;
  const w = config.scoringWeights;
  const semantic =
    input.semantic ??
    lexicalSimilarity(units, chosen, recentContext(units, candidates, config.semanticWindow));
  const refs = forwardReferences(units);
  return chosen.map((u) => {
    const toin = learned(input, u);
    const factors = {
      recency: Math.exp(-config.recencyDecayRate * (n - 1 - u.order)),
      semantic: clamp01(semantic.get(u.unit.id) ?? 0),
      toin: toin.importance,
      error: (toin.learnedError ?? errorPrior(config.errorPrior, u)) ? 1 : 0,
      forwardReference: 1 - Math.exp(-refs.get(u.unit.id)! / 2),
      density: density(u),
    };
    const total =
      w.recency * factors.recency +
      w.semanticSimilarity * factors.semantic +
      w.toinImportance * factors.toin +
      w.errorIndicator * factors.error +
      w.forwardReference * factors.forwardReference +
      w.tokenDensity * factors.density;
    return { unit: u.unit.id, total: clamp01(total), ...factors };
  });
}

/**
 * The recent context a unit is compared with: the last `window` units that stay (protected), so
 * a candidate is never compared with itself, and what it is compared with is what the model keeps.
 */
export function recentContext(
  units: readonly UnitFeatures[],
  candidates: ReadonlySet<number>,
  window: number,
): UnitFeatures[] {
  return units.filter((u) => !candidates.has(u.unit.id) && u.unit.kind !== 'system').slice(-window);
}

/** TF-IDF cosine of each chosen unit with the recent context taken together. */
function lexicalSimilarity(
  units: readonly UnitFeatures[],
  chosen: readonly UnitFeatures[],
  recent: readonly UnitFeatures[],
): Map<number, number> {
  const tfidf = new TfIdf(units.map((u) => u.terms));
  const context = tfidf.weights(sumTerms(recent.map((u) => u.terms)));
  const contextNorm = norm(context);
  return new Map(chosen.map((u) => [u.unit.id, tfidf.cosine(u.terms, context, contextNorm)]));
}

function learned(input: ScoreInput, u: UnitFeatures): ToinSignal {
  const { toin, config } = input;
  if (!toin || !config.toinIntegration || u.batches.length === 0) return { importance: 0.5 };
  try {
    return toinSignal(toin, u.batches, config.toinConfidenceThreshold);
  } catch {
    // An advisor that throws must not break the request: this unit scores as if TOIN were absent.
    if (!input.warnings.includes('toin_failed')) input.warnings.push('toin_failed');
    return { importance: 0.5 };
  }
}

/** The cold-start error signal used until TOIN has a confident pattern. */
function errorPrior(prior: IntelligentContextConfig['errorPrior'], u: UnitFeatures): boolean {
  if (prior === 'none') return false;
  return u.flaggedError || (prior === 'values' && u.valueError);
}
