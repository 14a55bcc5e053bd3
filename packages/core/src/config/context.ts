import { z } from 'zod';
import { nonNegativeInt, nonNegativeNumber, positiveInt, ratio } from './shared.js';

export const RollingWindowConfig = z
  .object({
    enabled: z.boolean().default(true),
    // Optional so a 200k-token model is not capped at 100k just because a default existed;
    // budget = opts.maxTokens ?? maxTokens ?? modelLimit − outputBufferTokens (else 100,000).
    maxTokens: positiveInt.optional(),
    preserveSystem: z.boolean().default(true),
    // Seed value, counted in exchanges, so a long tool loop still has droppable old units.
    preserveRecentTurns: nonNegativeInt.default(5),
    // false ⇒ largest first within a priority class.
    dropOldestFirst: z.boolean().default(true),
    // Reserved for the reply when the budget comes from the model limit.
    outputBufferTokens: nonNegativeInt.default(4000),
  })
  .strict();
export type RollingWindowConfig = z.output<typeof RollingWindowConfig>;
export type RollingWindowConfigInput = z.input<typeof RollingWindowConfig>;

// Sums within this of 1 count as normalized and are kept as is, which makes parsing idempotent
// (re-dividing by a sum of 1 ± 1 ulp would drift the values, and configs are fingerprinted).
const NORMALIZED_EPSILON = 1e-9;

/** Importance-score weights; all ≥ 0, sum > 0, normalized to sum 1 at parse time. */
export const ScoringWeights = z
  .object({
    recency: nonNegativeNumber.default(0.2),
    semanticSimilarity: nonNegativeNumber.default(0.2),
    toinImportance: nonNegativeNumber.default(0.25),
    errorIndicator: nonNegativeNumber.default(0.15),
    forwardReference: nonNegativeNumber.default(0.15),
    tokenDensity: nonNegativeNumber.default(0.05),
  })
  .strict()
  .refine((weights) => Object.values(weights).some((w) => w > 0), {
    message: 'weights must not all be 0 (their sum must be > 0)',
  })
  .transform((weights) => {
    const values = Object.values(weights);
    const sum = values.reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 1) <= NORMALIZED_EPSILON) return weights;
    // Scale by the largest weight first so huge weights cannot overflow the sum to Infinity.
    const max = Math.max(...values);
    const scaledSum = values.reduce((a, b) => a + b / max, 0);
    const norm = (w: number) => w / max / scaledSum;
    return {
      recency: norm(weights.recency),
      semanticSimilarity: norm(weights.semanticSimilarity),
      toinImportance: norm(weights.toinImportance),
      errorIndicator: norm(weights.errorIndicator),
      forwardReference: norm(weights.forwardReference),
      tokenDensity: norm(weights.tokenDensity),
    };
  });
export type ScoringWeights = z.output<typeof ScoringWeights>;
export type ScoringWeightsInput = z.input<typeof ScoringWeights>;

export const ErrorPrior = z.enum(['values', 'protocol', 'none']);
export type ErrorPrior = z.output<typeof ErrorPrior>;

export const IntelligentContextConfig = z
  .object({
    enabled: z.boolean().default(true),
    keepSystem: z.boolean().default(true),
    // Exchanges, not messages.
    keepLastTurns: nonNegativeInt.default(2),
    outputBufferTokens: nonNegativeInt.default(4000),
    useImportanceScoring: z.boolean().default(true),
    scoringWeights: ScoringWeights.prefault({}),
    toinIntegration: z.boolean().default(true),
    // λ of recency = exp(−λ·d).
    recencyDecayRate: nonNegativeNumber.default(0.1),
    // Over budget by less than this fraction ⇒ try compression before dropping.
    compressThreshold: nonNegativeNumber.default(0.1),
    maxTokens: positiveInt.optional(),
    toinConfidenceThreshold: ratio.default(0.3),
    errorPrior: ErrorPrior.default('values'),
    // Units of recent context a unit's text is compared with.
    semanticWindow: positiveInt.default(3),
    compressAcceptRatio: ratio.default(0.9),
  })
  .strict();
export type IntelligentContextConfig = z.output<typeof IntelligentContextConfig>;
export type IntelligentContextConfigInput = z.input<typeof IntelligentContextConfig>;

/** The seed's conversion: the rolling window's keep rules and budget, every other field at its default. */
export function intelligentConfigFromRollingWindow(rw: RollingWindowConfig): IntelligentContextConfig {
  return IntelligentContextConfig.parse({
    keepSystem: rw.preserveSystem,
    keepLastTurns: rw.preserveRecentTurns,
    outputBufferTokens: rw.outputBufferTokens,
    ...(rw.maxTokens === undefined ? {} : { maxTokens: rw.maxTokens }),
  });
}
