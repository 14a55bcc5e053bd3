import { PipelineConfig, type PipelineConfigInput } from '../config/core.js';
import { parseConfig } from '../config/shared.js';
import { errorCode, HeadroomError } from '../errors.js';
import { fromConversation, toConversation } from '../messages/conversation.js';
import { pairViolations } from '../messages/pairs.js';
import type { Conversation, MessagesInput } from '../messages/types.js';
import { viewOf } from '../messages/view.js';
import { getTokenizer } from '../tokenizer/tokenizer.js';
import type { Transform, TransformContext, TransformResult } from './transform.js';

export interface PipelineResult<I extends MessagesInput = MessagesInput> {
  messages: I;
  tokensBefore: number;
  tokensAfter: number;
  tokensSaved: number;
  /** tokensAfter / tokensBefore (1 when empty). */
  compressionRatio: number;
  transformsApplied: string[];
  markersInserted: string[];
  ccrHashes: string[];
  warnings: string[];
  /** Milliseconds per transform name. */
  timing: Record<string, number>;
}

/** What a step's run came to: a result, a failure, or a timeout. */
type Outcome =
  | { ok: true; value: TransformResult }
  | { ok: false; reason: 'failed' | 'timeout' | 'aborted'; code?: string };

const warningOf = (name: string, o: Extract<Outcome, { ok: false }>) =>
  o.reason === 'failed' ? `failed:${name}:${o.code}` : `${o.reason}:${name}`;

/** A step that awaits a promise yields it; the driver answers with the settled outcome. */
type Steps = Generator<Promise<TransformResult>, Conversation, Outcome>;

const isPromise = (v: unknown): v is Promise<TransformResult> =>
  typeof (v as { then?: unknown } | null)?.then === 'function';

// Keyed by code and id, not position: a transform that drops messages shifts every index, and an
// id-less violation the input already had (first-not-user) must not count as new.
const violationKeys = (conv: Conversation) =>
  new Set(pairViolations(conv).map((v) => `${v.code}:${v.id ?? ''}`));

/**
 * Runs transforms in order, each behind a fail-open guard: a transform that throws, times out or
 * grows the set of tool-pair violations is reverted and the reason recorded as a warning. The
 * pipeline never throws for message content.
 */
export class TransformPipeline {
  readonly config: PipelineConfig;

  constructor(
    private readonly transforms: readonly Transform[],
    config?: PipelineConfigInput,
  ) {
    this.config = parseConfig(PipelineConfig, config, 'pipeline');
  }

  async transform<I extends MessagesInput>(
    messages: I,
    opts: Partial<TransformContext> = {},
  ): Promise<PipelineResult<I>> {
    const run = this.begin(messages, opts);
    if (!run.steps) return run.finish(run.conversation);
    let step = run.steps.next();
    while (!step.done) {
      step = run.steps.next(await this.settle(step.value, opts.signal));
    }
    await run.ctx.store?.flush();
    return run.finish(step.value);
  }

  /** For synchronous transforms only (benchmarks, sync callers): throws `ASYNC_TRANSFORM` otherwise. */
  transformSync<I extends MessagesInput>(
    messages: I,
    opts: Partial<TransformContext> = {},
  ): PipelineResult<I> {
    const run = this.begin(messages, opts);
    if (!run.steps) return run.finish(run.conversation);
    const step = run.steps.next();
    if (!step.done) {
      step.value.catch(() => {});
      throw new HeadroomError('ASYNC_TRANSFORM', 'A transform returned a promise; use transform() instead');
    }
    run.ctx.store?.flush().catch(() => {});
    return run.finish(step.value);
  }

  private begin<I extends MessagesInput>(messages: I, opts: Partial<TransformContext>) {
    const ctx: TransformContext = {
      outputBufferTokens: this.config.outputBufferTokens,
      ...opts,
      tokenizer: opts.tokenizer ?? getTokenizer(opts.model),
    };
    const warnings: string[] = [];
    const applied: string[] = [];
    const markers: string[] = [];
    const hashes: string[] = [];
    const timing: Record<string, number> = {};

    let conversation: Conversation;
    let steps: Steps | undefined;
    try {
      conversation = toConversation(messages);
      steps = this.steps(conversation, ctx, { warnings, applied, markers, hashes, timing });
    } catch (error) {
      // Mixed or unreadable formats pass through untouched; count them as generic chat.
      conversation = toConversation(messages, 'openai-chat');
      warnings.push(`failed:pipeline:${errorCode(error)}`);
    }
    const tokensBefore = viewOf(conversation, ctx).totalTokens();

    const finish = (final: Conversation): PipelineResult<I> => {
      const tokensAfter = final === conversation ? tokensBefore : viewOf(final, ctx).totalTokens();
      return {
        messages: final === conversation ? messages : fromConversation(final, messages),
        tokensBefore,
        tokensAfter,
        tokensSaved: Math.max(0, tokensBefore - tokensAfter),
        compressionRatio: tokensBefore === 0 ? 1 : tokensAfter / tokensBefore,
        transformsApplied: applied,
        markersInserted: markers,
        ccrHashes: [...new Set(hashes)],
        warnings,
        timing,
      };
    };
    return { ctx, conversation, steps, finish };
  }

  private *steps(
    input: Conversation,
    ctx: TransformContext,
    acc: {
      warnings: string[];
      applied: string[];
      markers: string[];
      hashes: string[];
      timing: Record<string, number>;
    },
  ): Steps {
    let current = input;
    const before = this.config.checkPairs ? violationKeys(input) : undefined;
    const lastIndex = this.transforms.length - 1;
    for (const [i, transform] of this.transforms.entries()) {
      const name = transform.name;
      if (transform.role === 'context-manager' && i !== lastIndex)
        acc.warnings.push(`order:${name}:context-manager-not-last`);
      if (ctx.signal?.aborted) {
        acc.warnings.push(`aborted:${name}`);
        break;
      }
      const started = performance.now();
      let outcome: Outcome;
      try {
        if (transform.shouldApply && !transform.shouldApply(viewOf(current, ctx), ctx)) continue;
        const out = transform.apply(current, ctx);
        outcome = isPromise(out) ? yield out : { ok: true, value: out };
      } catch (error) {
        outcome = { ok: false, reason: 'failed', code: errorCode(error) };
      }
      acc.timing[name] = (acc.timing[name] ?? 0) + (performance.now() - started);
      if (!outcome.ok) {
        acc.warnings.push(warningOf(name, outcome));
        continue;
      }
      const result = outcome.value;
      acc.warnings.push(...result.warnings);
      if (result.conversation === current) continue;
      if (before && [...violationKeys(result.conversation)].some((k) => !before.has(k))) {
        acc.warnings.push(`reverted:${name}:pair-invariant`);
        continue;
      }
      current = result.conversation;
      acc.applied.push(...result.transformsApplied);
      acc.markers.push(...result.markersInserted);
      acc.hashes.push(...result.ccrHashes);
    }
    return current;
  }

  /** Awaits a transform's promise against the timeout and the abort signal. */
  private async settle(promise: Promise<TransformResult>, signal?: AbortSignal): Promise<Outcome> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<Outcome>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, reason: 'timeout' }), this.config.transformTimeoutMs);
    });
    const aborted = new Promise<Outcome>((resolve) => {
      if (signal?.aborted) resolve({ ok: false, reason: 'aborted' });
      signal?.addEventListener('abort', () => resolve({ ok: false, reason: 'aborted' }), { once: true });
    });
    const settled = promise.then(
      (value): Outcome => ({ ok: true, value }),
      (error: unknown): Outcome => ({ ok: false, reason: 'failed', code: errorCode(error) }),
    );
    try {
      return await Promise.race([settled, timeout, aborted]);
    } finally {
      clearTimeout(timer);
    }
  }
}
