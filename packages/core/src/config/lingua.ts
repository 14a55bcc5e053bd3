import { z } from 'zod';
import { nonNegativeInt, positiveInt, ratio } from './shared.js';

// auto → cuda when the ORT CUDA provider is present, else cpu; mps is accepted for seed
// compatibility and runs on cpu with a warning.
export const ModelDevice = z.enum(['auto', 'cpu', 'cuda', 'mps']);
export type ModelDevice = z.output<typeof ModelDevice>;

// Always passed to transformers.js explicitly (no stderr warning).
export const ModelDtype = z.enum(['fp32', 'fp16', 'q8']);
export type ModelDtype = z.output<typeof ModelDtype>;

export const LLMLinguaConfig = z
  .object({
    // Hub id or local directory; the smallest transformers.js-ready LLMLingua-2 export (~57 MB).
    model: z.string().min(1).default('atjsh/llmlingua-2-js-tinybert-meetingbank'),
    device: ModelDevice.default('auto'),
    dtype: ModelDtype.default('fp32'),
    // false in tests and air-gapped sites.
    allowRemoteModels: z.boolean().default(true),
    cacheDir: z.string().min(1).optional(),
    // Keep rate when contentAwareRates is false (seed).
    targetCompressionRate: ratio.default(0.3),
    contentAwareRates: z.boolean().default(true),
    // The seed's table and target rate say 0.3 (its example 0.25, the Python code 0.5).
    textCompressionRate: ratio.default(0.3),
    // Conservative for code (seed).
    codeCompressionRate: ratio.default(0.4),
    jsonCompressionRate: ratio.default(0.35),
    minTokensForCompression: nonNegativeInt.default(100),
    // false ⇒ passthrough: no lossy step without a store.
    enableCcr: z.boolean().default(true),
    forceTokens: z.array(z.string()).default([]),
    // Query words ≥ 4 chars added as force tokens.
    queryForceTokens: nonNegativeInt.default(10),
    dropConsecutive: z.boolean().default(true),
    // Non-HTML5 tags (`<system-reminder>…`) kept whole.
    protectCustomTags: z.boolean().default(true),
    // Logit index meaning "preserve".
    keepLabelIndex: nonNegativeInt.default(1),
    // Model window including special tokens.
    chunkTokens: positiveInt.default(512),
    batchSize: positiveInt.default(8),
    // Per call; the reference proxy saw 10 s+ synchronous ONNX calls saturate its queue.
    timeoutMs: positiveInt.default(10000),
    // Calls queued beyond this pass through (`busy`).
    maxQueue: nonNegativeInt.default(8),
    // Keep the result only if achievedRate is below this.
    acceptRatio: ratio.default(0.9),
    // A failed model load is not retried sooner.
    retryAfterMs: nonNegativeInt.default(60000),
  })
  .strict();
export type LLMLinguaConfig = z.output<typeof LLMLinguaConfig>;
export type LLMLinguaConfigInput = z.input<typeof LLMLinguaConfig>;

export const EmbeddingConfig = z
  .object({
    // 384-d sentence embeddings.
    model: z.string().min(1).default('Xenova/all-MiniLM-L6-v2'),
    device: ModelDevice.default('auto'),
    dtype: ModelDtype.default('fp32'),
    allowRemoteModels: z.boolean().default(true),
    cacheDir: z.string().min(1).optional(),
    maxLength: positiveInt.default(256),
    batchSize: positiveInt.default(32),
    // Embeddings memoized by contentHash.
    cacheEntries: nonNegativeInt.default(2000),
  })
  .strict();
export type EmbeddingConfig = z.output<typeof EmbeddingConfig>;
export type EmbeddingConfigInput = z.input<typeof EmbeddingConfig>;
