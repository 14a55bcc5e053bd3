import {
  type Conversation,
  errorCode,
  fromConversation,
  type MessagesInput,
  type Tokenizer,
  toConversation,
  viewOf,
} from '@headroom/core';
import type { DropOutcome } from './drop.js';
import type { DropPlan, DroppedUnit, WindowResult } from './types.js';

/** What a run knows about its input before changing anything. */
export interface RunBase<I extends MessagesInput> {
  input: I;
  conversation: Conversation;
  tokens: number;
  budget: number;
  warnings: string[];
}

/** What a run changed. */
export interface Change {
  conversation: Conversation;
  tokensAfter: number;
  overBudget: boolean;
  transformsApplied: string[];
  markersInserted: string[];
  ccrHashes: string[];
  dropped: DroppedUnit[];
  plan: DropPlan;
}

/** The input itself, untouched (same reference), with what was measured about it. */
export function unchangedWindow<I extends MessagesInput>(
  base: RunBase<I>,
  overBudget: boolean,
): WindowResult<I> {
  return {
    messages: base.input,
    conversation: base.conversation,
    transformsApplied: [],
    markersInserted: [],
    ccrHashes: [],
    warnings: base.warnings,
    tokensBefore: base.tokens,
    tokensAfter: base.tokens,
    budget: base.budget,
    dropped: [],
    overBudget,
    plan: { drop: [] },
  };
}

export function changedWindow<I extends MessagesInput>(base: RunBase<I>, change: Change): WindowResult<I> {
  if (change.overBudget) base.warnings.push('over_budget_after_window');
  const { conversation, tokensAfter, ...rest } = change;
  return {
    ...rest,
    messages: fromConversation(conversation, base.input),
    conversation,
    warnings: base.warnings,
    tokensBefore: base.tokens,
    tokensAfter,
    budget: base.budget,
  };
}

/** The change a drop made, labelled `<label>:<dropped wire messages>`. */
export function dropChange(outcome: Extract<DropOutcome, { kind: 'dropped' }>, label: string): Change {
  return {
    conversation: outcome.conversation,
    tokensAfter: outcome.tokensAfter,
    overBudget: outcome.overBudget,
    transformsApplied: [`${label}:${outcome.wireIndexes.length}`],
    markersInserted: [outcome.marker],
    ccrHashes: [outcome.hash],
    dropped: outcome.dropped,
    plan: { drop: outcome.wireIndexes, insert: outcome.insert },
  };
}

/** The warning for a drop that did not happen. */
export function keptWarning(reason: Extract<DropOutcome, { kind: 'kept' }>['reason']): string {
  return reason === 'pair_check_failed' ? 'pair_check_failed' : 'over_budget_after_window';
}

/**
 * The fail-open result: the input unchanged and the reason recorded, never a throw. Inputs that are
 * not even readable as a conversation are passed through as an empty chat.
 */
export function failOpenWindow<I extends MessagesInput>(
  input: I,
  name: string,
  error: unknown,
  tokenizer: Tokenizer,
  budget = 0,
): WindowResult<I> {
  const attempt = <T>(fn: () => T): T | undefined => {
    try {
      return fn();
    } catch {
      return undefined;
    }
  };
  const conversation = attempt(() => toConversation(input)) ??
    attempt(() => toConversation(input, 'openai-chat')) ?? { format: 'openai-chat', messages: [] };
  const tokens = attempt(() => viewOf(conversation, { tokenizer }).totalTokens()) ?? 0;
  return unchangedWindow(
    { input, conversation, tokens, budget, warnings: [`failed:${name}:${errorCode(error)}`] },
    false,
  );
}
