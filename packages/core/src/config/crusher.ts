import { z } from 'zod';
import { nonNegativeInt, positiveInt, positiveNumber, ratio } from './shared.js';

export const ToinMode = z.enum(['off', 'observe', 'advise']);
export type ToinMode = z.output<typeof ToinMode>;

export const LosslessConfig = z
  .object({
    enabled: z.boolean().default(true),
    // A lossless encoding must save at least this fraction of bytes to be used.
    minSavingsRatio: ratio.default(0.15),
    // Ship lossless unless it is more than this many times the bytes of the lossy candidate.
    preferWithin: z.number().min(1).default(1.5),
  })
  .strict();
export type LosslessConfig = z.output<typeof LosslessConfig>;
export type LosslessConfigInput = z.input<typeof LosslessConfig>;

/** Map-like objects only: many keys whose values share one kind. */
export const MapCrushConfig = z
  .object({
    enabled: z.boolean().default(true),
    minKeys: positiveInt.default(20),
    uniformity: ratio.default(0.8),
  })
  .strict();
export type MapCrushConfig = z.output<typeof MapCrushConfig>;
export type MapCrushConfigInput = z.input<typeof MapCrushConfig>;

export const SmartCrusherConfig = z
  .object({
    enabled: z.boolean().default(true),
    // Measured tokens; the seed and the Python reference agree.
    minTokensToCrush: nonNegativeInt.default(200),
    // Seed value (Python used 15); adaptive K picks the real k in [minK, 50], so redundant data
    // still shrinks far below 50.
    maxItemsAfterCrush: positiveInt.default(50),
    keepFirst: nonNegativeInt.default(3),
    keepLast: nonNegativeInt.default(2),
    // On batch-normalized BM25.
    relevanceThreshold: ratio.default(0.3),
    anomalyStdThreshold: positiveNumber.default(2.0),
    preserveErrors: z.boolean().default(true),
    // Cap on relevance additions (fixes relevance collapse).
    maxRelevantItems: nonNegativeInt.default(10),
    // Arrays shorter than this are only walked.
    minItemsToAnalyze: positiveInt.default(5),
    // Arrays of ≤ 8 items are never thinned.
    minItemsToCrush: positiveInt.default(9),
    // false → k = maxItemsAfterCrush.
    adaptiveSizing: z.boolean().default(true),
    minK: positiveInt.default(3),
    preserveChangePoints: z.boolean().default(true),
    changePointWindow: positiveInt.default(5),
    // Fill never adds an exact duplicate.
    dedupIdenticalItems: z.boolean().default(true),
    // Structural outliers: a key present in fewer items / a rare categorical value.
    rareKeyFraction: ratio.default(0.2),
    rareValueFraction: ratio.default(0.05),
    lossless: LosslessConfig.prefault({}),
    // Forced true when CCR is disabled.
    losslessOnly: z.boolean().default(false),
    mapCrush: MapCrushConfig.prefault({}),
    maxDepth: positiveInt.default(8),
    excludeTools: z.array(z.string()).default(['headroom_retrieve']),
    toinMode: ToinMode.default('advise'),
    // 0.5 rather than 0.3: advice changes output, so demand more evidence.
    toinConfidenceThreshold: ratio.default(0.5),
  })
  .strict();
export type SmartCrusherConfig = z.output<typeof SmartCrusherConfig>;
export type SmartCrusherConfigInput = z.input<typeof SmartCrusherConfig>;

// Text utilities: defaults from the Python Headroom reference. `enableCcr: false` → only lossless steps.

export const SearchCompressorConfig = z
  .object({
    maxMatchesPerFile: positiveInt.default(5),
    maxTotalMatches: positiveInt.default(30),
    maxFiles: positiveInt.default(15),
    alwaysKeepFirst: z.boolean().default(true),
    alwaysKeepLast: z.boolean().default(true),
    contextKeywords: z.array(z.string()).default([]),
    boostErrors: z.boolean().default(true),
    minMatchesToCompress: nonNegativeInt.default(10),
    enableCcr: z.boolean().default(true),
  })
  .strict();
export type SearchCompressorConfig = z.output<typeof SearchCompressorConfig>;
export type SearchCompressorConfigInput = z.input<typeof SearchCompressorConfig>;

export const LogCompressorConfig = z
  .object({
    minLines: nonNegativeInt.default(50),
    errorContextLines: nonNegativeInt.default(3),
    maxStackTraces: nonNegativeInt.default(3),
    // Traces up to this long are kept whole (the Python reference's 20 cut real 30-line Java traces).
    stackTraceMaxLines: positiveInt.default(50),
    maxWarningTemplates: nonNegativeInt.default(5),
    dedupeWarnings: z.boolean().default(true),
    keepSummaryLines: z.boolean().default(true),
    // Budget for lines that are not must-keep.
    maxTotalLines: nonNegativeInt.default(100),
    keepHeadLines: nonNegativeInt.default(3),
    keepTailLines: nonNegativeInt.default(3),
    enableCcr: z.boolean().default(true),
  })
  .strict();
export type LogCompressorConfig = z.output<typeof LogCompressorConfig>;
export type LogCompressorConfigInput = z.input<typeof LogCompressorConfig>;

export const DiffCompressorConfig = z
  .object({
    minLines: nonNegativeInt.default(50),
    maxContextLines: nonNegativeInt.default(2),
    maxHunksPerFile: positiveInt.default(10),
    maxFiles: positiveInt.default(20),
    enableCcr: z.boolean().default(true),
  })
  .strict();
export type DiffCompressorConfig = z.output<typeof DiffCompressorConfig>;
export type DiffCompressorConfigInput = z.input<typeof DiffCompressorConfig>;

export const TextCompressorConfig = z
  .object({
    minLines: nonNegativeInt.default(50),
    keepFirstLines: nonNegativeInt.default(10),
    keepLastLines: nonNegativeInt.default(10),
    maxTotalLines: positiveInt.default(50),
    sampleEveryNLines: positiveInt.default(10),
    anchorKeywords: z.array(z.string()).default([]),
    enableCcr: z.boolean().default(true),
  })
  .strict();
export type TextCompressorConfig = z.output<typeof TextCompressorConfig>;
export type TextCompressorConfigInput = z.input<typeof TextCompressorConfig>;
