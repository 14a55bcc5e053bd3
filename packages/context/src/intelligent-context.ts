import {
  type CcrSink,
  type ContentCompressor,
  type ConversationView,
  defaultCcrStore,
  type Embedder,
  IntelligentContextConfig,
  type IntelligentContextConfigInput,
  type MessagesInput,
  parseConfig,
  type ToinAdvisor,
  type ToinRecorder,
  type Tokenizer,
  type Transform,
  toConversation,
  viewOf,
} from '@headroom/core';
import { resolveBudget } from './budget.js';
import { type CompressFirstResult, compressFirst } from './compress-first.js';
import { dropUnits } from './drop.js';
import { dropOrder } from './drop-order.js';
import { embeddingSimilarity } from './embedding-similarity.js';
import { compressChange, mergeChanges, withStrategy } from './icm-result.js';
import { modelTokenizer } from './model-tokenizer.js';
import { noNewViolations } from './pair-check.js';
import { frozenCount, type ProtectRules, protectedUnits } from './protect.js';
import { recordDrop } from './record-drop.js';
import {
  changedWindow,
  dropChange,
  failOpenWindow,
  keptWarning,
  type RunBase,
  unchangedWindow,
} from './result.js';
import { positionalScores, scoreUnits } from './scoring.js';
import type { IcmOptions, IcmResult, WindowResult } from './types.js';
import { scoredUnits, type UnitFeatures, unitFeatures } from './unit-features.js';

export interface IntelligentContextDeps {
  /** TOIN (read side for scoring; `recordDrop` when it records). `opts.toin` takes precedence. */
  toin?: ToinAdvisor & Partial<ToinRecorder>;
  /** Replaces TF-IDF for semantic similarity (async `apply` only). */
  embedder?: Embedder;
  /** Enables compress-first when slightly over budget (async `apply` only). */
  compressor?: ContentCompressor;
  /** Where dropped messages go; `opts.store`, then this, then core's process-wide store. */
  store?: CcrSink;
  tokenizer?: Tokenizer;
}

/** One request's state once it is known to be over budget. */
interface Run<I extends MessagesInput> {
  base: RunBase<I>;
  view: ConversationView;
  rules: ProtectRules;
  opts: IcmOptions;
}

/**
 * Fits a conversation into a token budget by importance: slightly over budget, it first
 * compresses the largest droppable tool outputs harder; otherwise it drops the lowest-scoring
 * units (recency, similarity to the recent context, TOIN-learned importance, errors, forward
 * references, density). Same guarantees as RollingWindow: whole units, protected system prompt,
 * recent turns and active tool pair, everything dropped stored in CCR behind one marker.
 */
export class IntelligentContextManager implements Transform {
  readonly name = 'intelligent_context';
  readonly role = 'context-manager';
  readonly config: IntelligentContextConfig;

  constructor(
    config?: IntelligentContextConfigInput,
    private readonly deps: IntelligentContextDeps = {},
  ) {
    this.config = parseConfig(IntelligentContextConfig, config, 'intelligentContext');
  }

  async apply<I extends MessagesInput>(messages: I, opts: IcmOptions = {}): Promise<IcmResult<I>> {
    const tokenizer = this.tokenizerFor(opts);
    const state: { budget?: number } = {};
    try {
      const run = this.start(messages, opts, tokenizer, state);
      if (!('view' in run)) return run;
      let compressed: CompressFirstResult | undefined;
      const over = run.base.budget > 0 ? (run.base.tokens - run.base.budget) / run.base.budget : Infinity;
      if (this.deps.compressor && over < this.config.compressThreshold) {
        compressed = await compressFirst({
          view: run.view,
          keep: protectedUnits(run.view, run.rules),
          budget: run.base.budget,
          tokens: run.base.tokens,
          compressor: this.deps.compressor,
          acceptRatio: this.config.compressAcceptRatio,
          query: opts.query,
          signal: opts.signal,
          warnings: run.base.warnings,
        });
        if (compressed) {
          run.view = viewOf(compressed.conversation, { tokenizer });
          const tokensAfter = run.view.totalTokens();
          if (tokensAfter <= run.base.budget) {
            return withStrategy(
              changedWindow(run.base, compressChange(compressed, tokensAfter, false)),
              'compress_first',
            );
          }
        }
      }
      if (!this.deps.embedder || !this.config.useImportanceScoring) return this.dropByScore(run, compressed);
      const features = unitFeatures(run.view);
      const semantic = await embeddingSimilarity(
        this.deps.embedder,
        run.view,
        features,
        this.candidates(run),
        this.config.semanticWindow,
        run.base.warnings,
      );
      return this.dropByScore(run, compressed, semantic, features);
    } catch (error) {
      return withStrategy(failOpenWindow(messages, this.name, error, tokenizer, state.budget), 'none');
    }
  }

  /** Synchronous variant: no embedder and no compress-first, so it can run in `transformSync`. */
  applySync<I extends MessagesInput>(messages: I, opts: IcmOptions = {}): IcmResult<I> {
    const tokenizer = this.tokenizerFor(opts);
    const state: { budget?: number } = {};
    try {
      const run = this.start(messages, opts, tokenizer, state);
      return 'view' in run ? this.dropByScore(run) : run;
    } catch (error) {
      return withStrategy(failOpenWindow(messages, this.name, error, tokenizer, state.budget), 'none');
    }
  }

  private tokenizerFor(opts: IcmOptions): Tokenizer {
    return opts.tokenizer ?? this.deps.tokenizer ?? modelTokenizer(opts.model);
  }

  /** Measures the input; returns the finished result when there is nothing to do. */
  private start<I extends MessagesInput>(
    messages: I,
    opts: IcmOptions,
    tokenizer: Tokenizer,
    state: { budget?: number },
  ): Run<I> | IcmResult<I> {
    const warnings: string[] = [];
    const budget = resolveBudget(opts, this.config, warnings);
    state.budget = budget;
    const conversation = toConversation(messages);
    const view = viewOf(conversation, { tokenizer });
    const base: RunBase<I> = { input: messages, conversation, tokens: view.totalTokens(), budget, warnings };
    if (!this.config.enabled || base.tokens <= budget)
      return withStrategy(unchangedWindow(base, false), 'none');
    const rules: ProtectRules = {
      keepSystem: this.config.keepSystem,
      keepLastTurns: this.config.keepLastTurns,
      frozenMessageCount: frozenCount(opts.frozenMessageCount, warnings),
    };
    return { base, view, rules, opts };
  }

  private candidates(run: Run<MessagesInput>): Set<number> {
    const keep = protectedUnits(run.view, run.rules);
    return new Set(run.view.units.filter((u) => !keep.has(u.id)).map((u) => u.id));
  }

  private dropByScore<I extends MessagesInput>(
    run: Run<I>,
    compressed?: CompressFirstResult,
    semantic?: ReadonlyMap<number, number>,
    features?: readonly UnitFeatures[],
  ): IcmResult<I> {
    const { view, base } = run;
    const candidates = this.candidates(run);
    const scores = this.config.useImportanceScoring
      ? scoreUnits({
          units: features ?? unitFeatures(view),
          candidates,
          config: this.config,
          toin: this.toinFor(run.opts),
          semantic,
          warnings: base.warnings,
        })
      : positionalScores(scoredUnits(view), candidates);
    const order = dropOrder(view, scores, this.config.useImportanceScoring);
    const outcome = dropUnits({
      view,
      originals: base.conversation.messages,
      candidates: order.map((s) => view.units[s.unit]!),
      scores: new Map(order.map((s) => [s.unit, s.total])),
      budget: base.budget,
      tokens: view.totalTokens(),
      frozen: run.rules.frozenMessageCount,
      strategy: 'intelligent_context',
      reason: 'importance',
      store: run.opts.store ?? this.deps.store ?? defaultCcrStore(),
      accept: noNewViolations(base.conversation),
    });
    const explained = run.opts.explain ? { scores: order } : {};
    if (outcome.kind === 'dropped') {
      const toin = this.toinFor(run.opts);
      if (toin) recordDrop(toin, view, outcome, order, base.warnings);
      return {
        ...changedWindow(base, mergeChanges(compressed, dropChange(outcome, 'drop_by_score'))),
        ...explained,
        strategy: 'drop_by_score',
      };
    }
    base.warnings.push(keptWarning(outcome.reason));
    const kept: WindowResult<I> = compressed
      ? changedWindow(base, compressChange(compressed, view.totalTokens(), true))
      : unchangedWindow(base, outcome.reason !== 'pair_check_failed');
    return { ...kept, ...explained, strategy: 'drop_by_score' };
  }

  private toinFor(opts: IcmOptions): (ToinAdvisor & Partial<ToinRecorder>) | undefined {
    return this.config.toinIntegration ? (opts.toin ?? this.deps.toin) : undefined;
  }
}
