import { z } from 'zod';
import { CacheAlignerConfig } from './aligner.js';
import { CodeCompressorConfig } from './code.js';
import { IntelligentContextConfig, RollingWindowConfig } from './context.js';
import { CcrConfig, MemoConfig, PipelineConfig, TokenizerConfig } from './core.js';
import {
  DiffCompressorConfig,
  LogCompressorConfig,
  SearchCompressorConfig,
  SmartCrusherConfig,
  TextCompressorConfig,
} from './crusher.js';
import { EmbeddingConfig, LLMLinguaConfig } from './lingua.js';
import { ContentRouterConfig } from './router.js';
import { ToinConfig } from './toin.js';

/** Every package's config in one object; `HeadroomConfig.parse({})` fills every default. */
export const HeadroomConfig = z
  .object({
    tokenizer: TokenizerConfig.prefault({}),
    ccr: CcrConfig.prefault({}),
    pipeline: PipelineConfig.prefault({}),
    memo: MemoConfig.prefault({}),
    smartCrusher: SmartCrusherConfig.prefault({}),
    searchCompressor: SearchCompressorConfig.prefault({}),
    logCompressor: LogCompressorConfig.prefault({}),
    diffCompressor: DiffCompressorConfig.prefault({}),
    textCompressor: TextCompressorConfig.prefault({}),
    cacheAligner: CacheAlignerConfig.prefault({}),
    rollingWindow: RollingWindowConfig.prefault({}),
    intelligentContext: IntelligentContextConfig.prefault({}),
    codeCompressor: CodeCompressorConfig.prefault({}),
    llmlingua: LLMLinguaConfig.prefault({}),
    embedding: EmbeddingConfig.prefault({}),
    contentRouter: ContentRouterConfig.prefault({}),
    toin: ToinConfig.prefault({}),
  })
  .strict();
export type HeadroomConfig = z.output<typeof HeadroomConfig>;
export type HeadroomConfigInput = z.input<typeof HeadroomConfig>;
