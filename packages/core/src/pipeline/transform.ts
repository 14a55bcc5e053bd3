import type { CcrStore } from '../ccr/store.js';
import type { ToinAdvisor, ToinRecorder } from '../interfaces.js';
import type { MemoCache } from '../memo.js';
import { fromConversation } from '../messages/conversation.js';
import { applyEdits, type Edit } from '../messages/edits.js';
import type { Conversation, MessagesInput } from '../messages/types.js';
import type { ConversationView } from '../messages/view.js';
import type { Tokenizer } from '../tokenizer/tokenizer.js';

export interface TransformContext {
  tokenizer: Tokenizer;
  model?: string;
  modelLimit?: number;
  outputBufferTokens?: number;
  /** The relevance query; when absent, derived per tool result by `queryFor()`. */
  query?: string;
  /** Leading wire messages that must stay byte-identical (already in the provider's cache). */
  frozenMessageCount?: number;
  store?: CcrStore;
  memo?: MemoCache;
  toin?: ToinAdvisor & ToinRecorder;
  signal?: AbortSignal;
  now?: () => number;
}

export interface TransformResult<I extends MessagesInput = Conversation> {
  messages: I;
  conversation: Conversation;
  transformsApplied: string[];
  markersInserted: string[];
  ccrHashes: string[];
  warnings: string[];
}

/**
 * A step of the pipeline. Transform classes implement it with a wider, seed-style signature
 * (`apply(input, opts?)` returning the same input kind), so standalone and pipeline use are one method.
 */
export interface Transform {
  readonly name: string;
  /** Context managers (RollingWindow, IntelligentContextManager) belong last; the pipeline warns otherwise. */
  readonly role?: 'compressor' | 'aligner' | 'context-manager';
  shouldApply?(view: ConversationView, ctx: TransformContext): boolean;
  apply(input: Conversation, ctx: TransformContext): TransformResult | Promise<TransformResult>;
}

/** A result that changed nothing: what a transform returns when it does not apply. */
export function unchangedResult<I extends MessagesInput>(
  input: I,
  conversation: Conversation,
  warnings: string[] = [],
): TransformResult<I> {
  return {
    messages: input,
    conversation,
    transformsApplied: [],
    markersInserted: [],
    ccrHashes: [],
    warnings,
  };
}

/** What a transform that replaces slot texts collected along the way. */
export interface SlotEdits {
  edits: readonly Edit[];
  applied: string[];
  markers: string[];
  hashes: string[];
  warnings?: string[];
}

/** The result of replacing slot texts: the input itself when nothing changed. */
export function editedResult<I extends MessagesInput>(
  input: I,
  conversation: Conversation,
  e: SlotEdits,
): TransformResult<I> {
  const warnings = [...new Set(e.warnings ?? [])];
  if (e.edits.length === 0) return unchangedResult(input, conversation, warnings);
  const out = applyEdits(conversation, e.edits);
  return {
    messages: fromConversation(out, input),
    conversation: out,
    transformsApplied: e.applied,
    markersInserted: e.markers,
    ccrHashes: [...new Set(e.hashes)],
    warnings,
  };
}
