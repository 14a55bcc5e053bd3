import {
  type CcrSink,
  contentHash,
  defaultCcrStore,
  errorCode,
  formatMarker,
  getTokenizer,
  HeadroomError,
  hasMarker,
  type LLMLinguaConfig,
  type LLMLinguaConfigInput,
  type MessagesInput,
  type Tokenizer,
  type Transform,
  type TransformContext,
  type TransformResult,
} from '@headroom/core';
import { linguaConfig } from './config.js';
import { detectContentType, type LinguaContentType, rateFor } from './content-type.js';
import { withDeadline } from './deadline.js';
import { firstLine } from './device.js';
import { ForceWords } from './force-words.js';
import { inferenceQueue } from './inference-queue.js';
import { applyLingua } from './lingua-apply.js';
import { linguaModel } from './lingua-model.js';
import { type LinguaReason, type LinguaResult, unchanged } from './lingua-result.js';
import { type LinguaLog, reportOnce, stderrLog } from './log.js';
import { planText, realize } from './plan.js';
import { scoreWords } from './score.js';

export interface LinguaCompressOptions {
  /** Skips auto-detection (and picks that type's rate). */
  contentType?: LinguaContentType;
  /** Keep rate in [0, 1], overriding the configured one. */
  rate?: number;
  /** Its words of ≥ 4 characters are kept (up to `queryForceTokens` of them). */
  query?: string;
  /** Kept in addition to the configured `forceTokens`. */
  forceTokens?: string[];
  signal?: AbortSignal;
}

export interface LinguaDeps {
  /** Where originals go; the process-wide memory store by default. */
  store?: CcrSink;
  /** Counts tokens for gating and results; the default o200k tokenizer by default. */
  tokenizer?: Tokenizer;
  /** Receives one actionable line per problem (stderr by default). */
  log?: LinguaLog;
}

interface Meta {
  contentType: LinguaContentType;
  rate: number;
  tokens: number;
  model: string;
}

const BUSY = Symbol('busy');

/**
 * LLMLingua-2 compression of prose: a token-classification model gives each word a keep
 * probability, and the most probable words are kept until the keep rate is met, with protected
 * spans, forced words and line structure always preserved. The original goes to CCR behind a
 * marker line. Never throws: any failure returns the input with a `reason`.
 */
export class LLMLinguaCompressor implements Transform {
  readonly name = 'llmlingua';
  readonly role = 'compressor' as const;
  readonly config: LLMLinguaConfig;

  constructor(
    config?: LLMLinguaConfigInput,
    private readonly deps: LinguaDeps = {},
  ) {
    this.config = linguaConfig(config);
  }

  get tokenizer(): Tokenizer {
    return this.deps.tokenizer ?? getTokenizer();
  }

  get store(): CcrSink {
    return this.deps.store ?? defaultCcrStore();
  }

  async compress(text: string, opts: LinguaCompressOptions = {}): Promise<LinguaResult> {
    const meta: Meta = { contentType: 'text', rate: 0, tokens: 0, model: this.config.model };
    try {
      meta.contentType = opts.contentType ?? detectContentType(text);
      meta.rate = clampRate(opts.rate) ?? rateFor(this.config, meta.contentType);
      meta.tokens = this.tokenizer.count(text);
      if (hasMarker(text)) return unchanged(text, 'already-compressed', meta);
      if (text.trim() === '' || meta.tokens < this.config.minTokensForCompression) {
        return unchanged(text, 'too-small', meta);
      }
      if (!this.config.enableCcr) return unchanged(text, 'ccr-disabled', meta);
      const outcome = await withDeadline(
        (signal) => this.prune(text, meta.rate, opts, signal),
        this.config.timeoutMs,
        opts.signal,
      );
      if (!outcome.ok) return unchanged(text, outcome.reason, meta);
      if (outcome.value === BUSY) return unchanged(text, 'busy', meta);
      return this.accept(text, outcome.value, meta);
    } catch (error) {
      return this.failed(text, error, meta);
    }
  }

  /** As a pipeline transform: prose tool results only (see `applyLingua`). */
  apply<I extends MessagesInput>(
    input: I,
    opts: Partial<TransformContext> = {},
  ): Promise<TransformResult<I>> {
    return applyLingua(this, input, opts);
  }

  /** The kept words, rebuilt with the original layout; `BUSY` when the inference queue is full. */
  private async prune(
    text: string,
    rate: number,
    opts: LinguaCompressOptions,
    signal: AbortSignal,
  ): Promise<string | typeof BUSY> {
    const config = this.config;
    const model = await linguaModel(config);
    reportOnce(model, model.notices, this.log);
    const force = new ForceWords(
      [...config.forceTokens, ...(opts.forceTokens ?? [])],
      opts.query,
      config.queryForceTokens,
    );
    const { prefix, suffix } = model.vocab;
    const capacity = Math.min(config.chunkTokens, model.maxTokens) - prefix.length - suffix.length;
    if (capacity < 1)
      throw new HeadroomError('INVALID_CONFIG', `chunkTokens ${config.chunkTokens} leaves no room for words`);
    const plan = planText(text, model.words, force, {
      protectCustomTags: config.protectCustomTags,
      capacity,
    });
    const input = {
      ...plan,
      skip: plan.must,
      capacity,
      batchSize: config.batchSize,
      keepLabel: config.keepLabelIndex,
    };
    const job = inferenceQueue.enqueue(() => scoreWords(model, input, signal), {
      maxWaiting: config.maxQueue,
      signal,
    });
    if (!job) return BUSY;
    return realize(plan, await job, rate, config.dropConsecutive);
  }

  /** Stores the original and appends the marker, if that saves enough; else the original (`no-gain`). */
  private accept(text: string, body: string, meta: Meta): LinguaResult {
    const bodyTokens = this.tokenizer.count(body);
    const omitted = meta.tokens - bodyTokens;
    if (omitted <= 0) return unchanged(text, 'no-gain', meta);
    const marker = (hash: string) =>
      formatMarker({
        hash,
        omitted,
        total: meta.tokens,
        unit: 'tokens',
        summary: `llmlingua rate=${meta.rate}`,
      });
    const compressed = withMarker(body, marker(contentHash(text)));
    const tokensAfter = this.tokenizer.count(compressed);
    if (tokensAfter >= this.config.acceptRatio * meta.tokens) return unchanged(text, 'no-gain', meta);
    const hash = this.store.put({
      original: text,
      kind: 'text',
      unit: 'tokens',
      omitted,
      total: meta.tokens,
      strategy: `llmlingua:${meta.contentType}`,
      originalTokens: meta.tokens,
      compressedTokens: tokensAfter,
    });
    if (hash !== contentHash(text))
      throw new HeadroomError('INTERNAL', 'The CCR store keyed the original unexpectedly');
    return {
      compressed,
      original: text,
      wasModified: true,
      contentType: meta.contentType,
      rate: meta.rate,
      achievedRate: tokensAfter / meta.tokens,
      tokensBefore: meta.tokens,
      tokensAfter,
      model: meta.model,
      ccrHash: hash,
    };
  }

  private failed(text: string, error: unknown, meta: Meta): LinguaResult {
    const reason: LinguaReason = errorCode(error) === 'MODEL_UNAVAILABLE' ? 'model-unavailable' : 'error';
    const line =
      reason === 'model-unavailable'
        ? `${(error as Error).message} (LLMLingua passes text through until then)`
        : `compression failed (${errorCode(error)}: ${firstLine(error)}); the original text was returned. Fix: run \`headroom doctor\` or check the model with checkLinguaModel()`;
    // A failed load is one object shared by every call until it is retried: log it once.
    if (typeof error === 'object' && error !== null) reportOnce(error, [line], this.log);
    else this.log(line);
    return unchanged(text, reason, meta);
  }

  private get log(): LinguaLog {
    return this.deps.log ?? stderrLog;
  }
}

function clampRate(rate: number | undefined): number | undefined {
  if (rate === undefined || Number.isNaN(rate)) return undefined;
  return Math.min(1, Math.max(0, rate));
}

/** The marker on its own final line, before the text's trailing whitespace. */
function withMarker(body: string, marker: string): string {
  const head = body.trimEnd();
  return `${head}${head.length > 0 ? '\n' : ''}${marker}${body.slice(head.length)}`;
}
