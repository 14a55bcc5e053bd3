import {
  applyEdits,
  type CacheAlignerConfig,
  type CacheAlignerConfigInput,
  type Conversation,
  contentHash,
  type Edit,
  errorCode,
  fromConversation,
  getTokenizer,
  LruMap,
  type MessagesInput,
  type Tokenizer,
  type Transform,
  type TransformContext,
  type TransformResult,
  toConversation,
  viewOf,
} from '@headroom/core';
import { analyzeSystem, type SystemAnalysis, toDynamicSpan } from './analyze.js';
import { type CompiledConfig, compileConfig } from './compiled-config.js';
import { appendPart, tailEdit, tailTarget } from './placement.js';
import { StableTexts } from './stable-texts.js';
import { leadingSystem, type SystemSlots } from './system-slots.js';
import { appendTail, standaloneTail } from './tail.js';
import type { AlignResult } from './types.js';

export interface CacheAlignerDeps {
  /** Counts the stable prefix; defaults to the o200k tokenizer (a pipeline passes its own). */
  tokenizer?: Tokenizer;
}

/** Why a rewrite was skipped (the call then only detects). */
type DegradeReason = 'too_many_spans' | 'only_dynamic' | 'prefix_too_small' | 'empty_slot';

/** What the memo keeps: the analysis without the joined stable text (only counted, once). */
interface Analysis extends Omit<SystemAnalysis, 'stableText'> {
  stablePrefixTokens: number;
  stablePrefixBytes: number;
  /** A rewrite would change the request (something moves, or whitespace is normalized). */
  changes: boolean;
  degrade: DegradeReason | undefined;
}

interface Run<I extends MessagesInput> {
  result: AlignResult<I>;
  conversation: Conversation;
}

const MEMO_ENTRIES = 256;
// A cap on the characters of stable texts kept for comparison (one per length, MEMO_ENTRIES at most).
const STABLE_CHARS = 32 * 1024 * 1024;
const EMPTY_HASH = contentHash('');

/**
 * Keeps the provider prompt-cache prefix stable: moves dynamic values (dates, times, IDs) out of the
 * leading system prompt into one "dynamic context" tail, normalizes the system text's whitespace,
 * and reports the hash of what stays. Never throws on a request: anything unexpected leaves the
 * messages as they were and records a warning.
 */
export class CacheAligner implements Transform {
  readonly name = 'cache_aligner';
  readonly role = 'aligner' as const;
  readonly config: CacheAlignerConfig;
  private readonly compiled: CompiledConfig;
  private readonly tokenizer: Tokenizer | undefined;
  // An unchanged system prompt costs one hash per request.
  private readonly memo = new LruMap<string, Analysis>({ maxEntries: MEMO_ENTRIES });
  // Token and byte counts of stable prefixes by their hash: a new date gives a new prompt but the same
  // stable text, which is then neither re-tokenized, re-measured nor re-hashed as an 8 KB map key.
  private readonly stableSizes = new LruMap<string, { tokens: number; bytes: number }>({
    maxEntries: MEMO_ENTRIES,
  });
  // Stable texts by length: a new date with the same stable text is compared, not hashed again.
  private readonly stableTexts = new StableTexts(MEMO_ENTRIES, STABLE_CHARS);
  private lastHash: string | undefined;

  /** Throws `INVALID_CONFIG` for a bad config (constructors may throw; requests never do). */
  constructor(config?: CacheAlignerConfigInput, deps: CacheAlignerDeps = {}) {
    this.compiled = compileConfig(config);
    this.config = this.compiled.config;
    this.tokenizer = deps.tokenizer;
  }

  /** The stable-prefix hash of the previous call on this instance. */
  get previousHash(): string | undefined {
    return this.lastHash;
  }

  /** The seed's API: the rewritten messages (same kind as given) and what was moved. */
  align<I extends MessagesInput>(messages: I): AlignResult<I> {
    return this.run(messages, this.tokenizer ?? getTokenizer(), 0).result;
  }

  /** As a pipeline step, or standalone with a partial context. */
  apply<I extends MessagesInput>(input: I, ctx: Partial<TransformContext> = {}): TransformResult<I> {
    const tokenizer = ctx.tokenizer ?? this.tokenizer ?? getTokenizer(ctx.model);
    const { result, conversation } = this.run(input, tokenizer, ctx.frozenMessageCount ?? 0);
    const moved = result.spans.length;
    return {
      messages: result.messages,
      conversation,
      transformsApplied: result.modified
        ? [moved > 0 ? `cache_align:${moved}` : 'cache_align:normalized']
        : [],
      markersInserted: [`stable_prefix_hash:${result.stablePrefixHash}`],
      ccrHashes: [],
      warnings: result.warnings,
    };
  }

  private run<I extends MessagesInput>(input: I, tokenizer: Tokenizer, frozen: number): Run<I> {
    let conversation: Conversation;
    try {
      conversation = toConversation(input);
    } catch (error) {
      return this.failed(input, toConversation(input, 'openai-chat'), error);
    }
    try {
      return this.alignConversation(input, conversation, tokenizer, frozen);
    } catch (error) {
      return this.failed(input, conversation, error);
    }
  }

  private alignConversation<I extends MessagesInput>(
    input: I,
    conversation: Conversation,
    tokenizer: Tokenizer,
    frozen: number,
  ): Run<I> {
    const { config } = this;
    const view = viewOf(conversation, { tokenizer });
    const system = leadingSystem(view, config.respectCacheControl);
    const analysis = this.analysis(
      system.slots.map((s) => s.text),
      tokenizer,
    );
    const warnings: string[] = [];
    const rewrite = config.enabled && config.mode === 'rewrite';
    // Reasons to skip are reported only when the skip matters: a rewrite would have changed something.
    const reason = analysis.changes ? (system.problem ?? analysis.degrade) : undefined;
    if (rewrite && reason !== undefined) warnings.push(`cache_aligner:${reason}`);
    const mode = rewrite && reason === undefined ? 'rewrite' : 'detect';

    let out = conversation;
    if (mode === 'rewrite') {
      const target = tailTarget(view, config.placement, frozen);
      if (target.warning !== undefined && analysis.hasTail) warnings.push(target.warning);
      out = this.rewrite(conversation, system, analysis, target.target);
    }
    const previousHash = this.lastHash;
    this.lastHash = analysis.stablePrefixHash;
    const modified = out !== conversation;
    return {
      conversation: out,
      result: {
        messages: modified ? fromConversation(out, input) : input,
        stablePrefixHash: analysis.stablePrefixHash,
        stablePrefixTokens: analysis.stablePrefixTokens,
        stablePrefixBytes: analysis.stablePrefixBytes,
        prefixChanged: previousHash !== undefined && previousHash !== analysis.stablePrefixHash,
        ...(previousHash === undefined ? {} : { previousHash }),
        spans: analysis.spans.map((s) =>
          toDynamicSpan(s, system.slots[s.slot]!.entry, system.slotIndex[s.slot]!),
        ),
        mode,
        modified,
        alignmentScore: analysis.alignmentScore,
        warnings,
      },
    };
  }

  /** System slots replaced by their stable text, the tail placed; untouched messages keep identity. */
  private rewrite(
    conversation: Conversation,
    system: SystemSlots,
    analysis: Analysis,
    target: ReturnType<typeof tailTarget>['target'],
  ): Conversation {
    const texts = [...analysis.stable];
    const lines = analysis.tailLines;
    const { hasTail } = analysis;
    if (hasTail && target.kind === 'system') {
      const last = texts.length - 1;
      texts[last] = appendTail(texts[last]!, lines, this.config);
    }
    const edits: Edit[] = [];
    system.slots.forEach((slot, i) => {
      if (texts[i] !== slot.text) edits.push({ op: 'replace', slot, text: texts[i]! });
    });
    if (hasTail) {
      const standalone = standaloneTail(lines, this.config);
      const edit = tailEdit(target, { appended: this.config.tailSeparator + standalone, standalone });
      if (edit) edits.push(edit);
    }
    const out = applyEdits(conversation, edits);
    if (hasTail && target.kind === 'append-part') {
      return appendPart(out, target.index, {
        type: target.partType,
        text: standaloneTail(lines, this.config),
      });
    }
    return out;
  }

  private analysis(texts: readonly string[], tokenizer: Tokenizer): Analysis {
    const key = `${tokenizer.id}:${texts.length}:${contentHash(texts.length === 1 ? texts[0]! : JSON.stringify(texts))}`;
    const hit = this.memo.get(key);
    if (hit) return hit;
    const base = analyzeSystem(texts, this.compiled, this.stableTexts);
    const sizesKey = `${tokenizer.id}:${base.stablePrefixHash}`;
    let sizes = this.stableSizes.get(sizesKey);
    if (sizes === undefined) {
      sizes = { tokens: tokenizer.count(base.stableText), bytes: Buffer.byteLength(base.stableText, 'utf8') };
      this.stableSizes.set(sizesKey, sizes);
    }
    // Built field by field: the joined stable text is not kept (it was counted once, above).
    const analysis: Analysis = {
      stable: base.stable,
      spans: base.spans,
      tailLines: base.tailLines,
      hasTail: base.hasTail,
      stablePrefixHash: base.stablePrefixHash,
      alignmentScore: base.alignmentScore,
      stablePrefixTokens: sizes.tokens,
      stablePrefixBytes: sizes.bytes,
      changes: base.hasTail || base.stable.some((s, i) => s !== texts[i]),
      degrade: undefined,
    };
    analysis.degrade = this.degradeReason(texts, analysis);
    this.memo.set(key, analysis);
    return analysis;
  }

  /** Why a rewrite that would change something must not happen. */
  private degradeReason(texts: readonly string[], a: Analysis): DegradeReason | undefined {
    if (!a.changes) return undefined;
    if (a.spans.length > this.config.maxSpans) return 'too_many_spans';
    if (a.spans.length > 0 && a.stable.every((s) => s.trim() === '')) return 'only_dynamic';
    if (a.stablePrefixTokens < this.config.stablePrefixMinTokens) return 'prefix_too_small';
    if (a.stable.some((s, i) => s === '' && texts[i] !== '')) return 'empty_slot';
    return undefined;
  }

  private failed<I extends MessagesInput>(input: I, conversation: Conversation, error: unknown): Run<I> {
    return {
      conversation,
      result: {
        messages: input,
        stablePrefixHash: EMPTY_HASH,
        stablePrefixTokens: 0,
        stablePrefixBytes: 0,
        prefixChanged: false,
        spans: [],
        mode: 'detect',
        modified: false,
        alignmentScore: 100,
        warnings: [`cache_aligner:failed:${errorCode(error)}`],
      },
    };
  }
}
