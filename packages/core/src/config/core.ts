import { z } from 'zod';
import { mib, nonNegativeInt, positiveInt, positiveNumber, ratio } from './shared.js';

export const TokenizerEngine = z.enum(['gpt-tokenizer', 'tiktoken']);
export type TokenizerEngine = z.output<typeof TokenizerEngine>;

export const TokenizerConfig = z
  .object({
    engine: TokenizerEngine.default('gpt-tokenizer'),
    // Raw BPE counts stay exact; calibration is a separate, reported multiplier (the proxy updates it).
    calibration: positiveNumber.default(1.0),
    cacheEntries: nonNegativeInt.default(10000),
  })
  .strict();
export type TokenizerConfig = z.output<typeof TokenizerConfig>;
export type TokenizerConfigInput = z.input<typeof TokenizerConfig>;

export const CcrConfig = z
  .object({
    enabled: z.boolean().default(true),
    // The Python reference used 300 s and users hit "entry expired" in ordinary multi-turn chats;
    // sliding refresh keeps live entries anyway.
    ttlSeconds: z.number().int().min(60).default(3600),
    maxEntries: positiveInt.default(5000),
    maxBytes: positiveInt.default(mib(256)),
    searchMaxResults: positiveInt.default(20),
    searchThreshold: ratio.default(0.3),
  })
  .strict();
export type CcrConfig = z.output<typeof CcrConfig>;
export type CcrConfigInput = z.input<typeof CcrConfig>;

export const PipelineConfig = z
  .object({
    // Per transform; on timeout the pipeline keeps the previous conversation (fail-open).
    transformTimeoutMs: positiveInt.default(2000),
    checkPairs: z.boolean().default(true),
    outputBufferTokens: nonNegativeInt.default(4000),
  })
  .strict();
export type PipelineConfig = z.output<typeof PipelineConfig>;
export type PipelineConfigInput = z.input<typeof PipelineConfig>;

/** Limits of the library `MemoCache` (core.md §7): LRU by bytes, sliding TTL. */
export const MemoConfig = z
  .object({
    maxBytes: positiveInt.default(mib(64)),
    maxEntries: positiveInt.default(10000),
    ttlSeconds: positiveInt.default(1800),
  })
  .strict();
export type MemoConfig = z.output<typeof MemoConfig>;
export type MemoConfigInput = z.input<typeof MemoConfig>;
