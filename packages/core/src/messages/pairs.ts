import { toConversation } from './conversation.js';
import { buildEntries } from './entries.js';
import type { Conversation, Entry, MessagesInput } from './types.js';

export type PairViolationCode =
  | 'orphan-result'
  | 'dangling-call'
  | 'not-adjacent'
  | 'reasoning-split'
  | 'first-not-user';

export interface PairViolation {
  readonly code: PairViolationCode;
  readonly id?: string;
  /** Wire index of the offending message. */
  readonly entry: number;
  /** The provider's own 400-error wording for this problem. */
  readonly message: string;
}

type Wording = (v: { id?: string; entry: number; next?: number }) => string;

/** Each provider's wording, as their APIs phrase it in 400 responses. */
const WORDING: Record<Conversation['format'], Record<PairViolationCode, Wording>> = {
  anthropic: {
    'orphan-result': ({ id, entry }) =>
      `messages.${entry}.content: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${id}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
    'dangling-call': ({ id, entry }) =>
      `messages.${entry}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${id}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`,
    'not-adjacent': ({ id, entry }) =>
      `messages.${entry}.content: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${id}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
    'reasoning-split': ({ entry }) =>
      `messages.${entry}: thinking blocks cannot be separated from their message`,
    'first-not-user': () => 'messages: first message must use the "user" role',
  },
  'openai-chat': {
    'orphan-result': () =>
      "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.",
    'dangling-call': ({ id }) =>
      `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${id}`,
    'not-adjacent': () =>
      "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.",
    'reasoning-split': ({ entry }) => `messages[${entry}]: reasoning cannot be separated from its message`,
    'first-not-user': ({ entry }) =>
      `messages[${entry}]: the first non-system message must be a user message`,
  },
  'openai-responses': {
    'orphan-result': ({ id }) => `No tool call found for function call output with call_id ${id}.`,
    'dangling-call': ({ id }) => `No tool output found for function call ${id}.`,
    'not-adjacent': ({ id }) => `No tool call found for function call output with call_id ${id}.`,
    'reasoning-split': ({ id, entry }) =>
      `Item '${id ?? `input[${entry}]`}' of type 'reasoning' was provided without its required following item.`,
    'first-not-user': ({ entry }) => `input[${entry}]: the first non-system item must be a user message`,
  },
};

/**
 * Every tool-call pairing problem the providers reject: results without an earlier call, calls
 * without a later result (except in the final assistant group, whose results are still to come),
 * Chat results separated from their assistant by anything but tool messages, Anthropic results not
 * in the message right after their `tool_use`, Responses reasoning items without their following
 * item, and a first non-system message that is not from the user.
 */
export function pairViolations(input: MessagesInput): PairViolation[] {
  const conv = toConversation(input);
  const entries = buildEntries(conv).filter((e) => e.index >= 0);
  const words = WORDING[conv.format];
  const out: PairViolation[] = [];
  const add = (code: PairViolationCode, entry: number, id?: string) =>
    out.push({ code, entry, ...(id === undefined ? {} : { id }), message: words[code]({ id, entry }) });

  // Calls are matched to results in order; an id may be reused once its call was answered.
  const latestCall = new Map<string, number>();
  const pending = new Map<string, number>();
  for (const [pos, e] of entries.entries()) {
    for (const id of e.resultIds) {
      const callPos = pending.get(id) ?? latestCall.get(id);
      if (callPos === undefined) add('orphan-result', e.index, id);
      else if (!isAdjacent(conv.format, entries, callPos, pos)) add('not-adjacent', e.index, id);
      pending.delete(id);
    }
    for (const id of e.callIds) {
      const unanswered = pending.get(id);
      if (unanswered !== undefined) add('dangling-call', entries[unanswered]!.index, id);
      pending.set(id, pos);
      latestCall.set(id, pos);
    }
  }

  const finalGroupStart = finalAssistantGroupStart(entries);
  for (const [id, pos] of pending) {
    if (pos < finalGroupStart) add('dangling-call', entries[pos]!.index, id);
  }

  if (conv.format === 'openai-responses') {
    for (const [pos, e] of entries.entries()) {
      const m = conv.messages[e.index] as Record<string, unknown>;
      if (m?.type !== 'reasoning') continue;
      const next = entries[pos + 1];
      const nextType = next ? (conv.messages[next.index] as Record<string, unknown>)?.type : undefined;
      if (next?.role !== 'assistant' || nextType === 'reasoning') {
        add('reasoning-split', e.index, typeof m.id === 'string' ? m.id : undefined);
      }
    }
  }

  const firstNonSystem = entries.find((e) => e.role !== 'system');
  if (firstNonSystem && !firstNonSystem.isRealUser && firstNonSystem.role !== 'user') {
    add('first-not-user', firstNonSystem.index);
  }
  return out.sort((a, b) => a.entry - b.entry || a.code.localeCompare(b.code));
}

/** Chat: only tool messages between call and result. Anthropic: result in the very next message. */
function isAdjacent(
  format: Conversation['format'],
  entries: readonly Entry[],
  callPos: number,
  resultPos: number,
) {
  if (format === 'anthropic') return resultPos === callPos + 1;
  if (format === 'openai-chat') {
    for (let p = callPos + 1; p < resultPos; p++) if (entries[p]!.role !== 'tool') return false;
  }
  return true;
}

/** Position where the trailing run of assistant entries starts (calls there await their results). */
function finalAssistantGroupStart(entries: readonly Entry[]): number {
  let p = entries.length;
  while (p > 0 && entries[p - 1]!.role === 'assistant') p--;
  return p;
}
