import {
  type CcrStore,
  configFingerprint,
  defaultCcrStore,
  errorCode,
  getTokenizer,
  type MessagesInput,
  modelLimit,
  type PipelineResult,
  type TransformPipeline,
} from '@headroom/core';
import { createDefaultPipeline, type DefaultPipelineOptions } from './default-pipeline.js';
import { defined } from './defined.js';
import { getOrInsert } from './get-or-insert.js';

export interface CompressOptions extends DefaultPipelineOptions {
  /** Picks the tokenizer and, unless `modelLimit` is given, the context window. */
  model?: string;
  modelLimit?: number;
  /** The relevance query; by default the last user message plus each tool call's arguments. */
  query?: string;
  /** Leading messages already in the provider's cache: left byte-identical. */
  frozenMessageCount?: number;
  signal?: AbortSignal;
}

/** The seed's result shape: the pipeline's result without its per-step details. */
export type CompressResult<I extends MessagesInput = MessagesInput> = Omit<
  PipelineResult<I>,
  'markersInserted' | 'timing'
>;

// Pipelines are cached per store, TOIN and config, so the memo lives across calls: the same tool
// output compresses once and every later call re-sends identical bytes.
const pipelines = new WeakMap<object, WeakMap<object, Map<string, TransformPipeline>>>();
const NO_TOIN = {};

function pipelineFor(opts: CompressOptions, store: CcrStore): TransformPipeline {
  const byToin = getOrInsert(pipelines, store, () => new WeakMap());
  const byConfig = getOrInsert(byToin, opts.toin ?? NO_TOIN, () => new Map<string, TransformPipeline>());
  const key = configFingerprint({
    config: opts.config ?? {},
    manager: opts.contextManager ?? 'rolling-window',
  });
  return getOrInsert(byConfig, key, () => createDefaultPipeline({ ...opts, store }));
}

/**
 * Compresses a conversation (Chat, Responses or Anthropic messages) with the default pipeline.
 * Never throws: on any internal failure the input comes back with zero savings and a warning.
 */
export async function compress<I extends MessagesInput>(
  messages: I,
  opts: CompressOptions = {},
): Promise<CompressResult<I>> {
  try {
    const store = opts.store ?? defaultCcrStore();
    const limit = opts.modelLimit ?? (opts.model ? modelLimit(opts.model) : undefined);
    const r = await pipelineFor(opts, store).transform(messages, {
      tokenizer: getTokenizer(opts.model),
      store,
      ...defined({
        model: opts.model,
        modelLimit: limit,
        query: opts.query,
        frozenMessageCount: opts.frozenMessageCount,
        signal: opts.signal,
        toin: opts.toin,
      }),
    });
    return {
      messages: r.messages,
      tokensBefore: r.tokensBefore,
      tokensAfter: r.tokensAfter,
      tokensSaved: r.tokensSaved,
      compressionRatio: r.compressionRatio,
      transformsApplied: r.transformsApplied,
      ccrHashes: r.ccrHashes,
      warnings: r.warnings,
    };
  } catch (error) {
    return {
      messages,
      tokensBefore: 0,
      tokensAfter: 0,
      tokensSaved: 0,
      compressionRatio: 1,
      transformsApplied: [],
      ccrHashes: [],
      warnings: [`failed:compress:${errorCode(error)}`],
    };
  }
}
