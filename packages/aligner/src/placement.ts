import type { AlignerPlacement, Conversation, ConversationView, Edit, TextSlot } from '@headroom/core';
import { isRecord, type Rec } from './record.js';

/** How the tail joins the request. */
export type TailTarget =
  /** Appended to a string content: replace that slot with its text plus the tail. */
  | { kind: 'append-text'; slot: TextSlot }
  /** A new text part or block at the end of a message's content array. */
  | { kind: 'append-part'; index: number; partType: 'text' | 'input_text' }
  /** A new user message at the end of the request. */
  | { kind: 'new-message' }
  /** Inside the system prompt, after its last slot. */
  | { kind: 'system' };

const PLACEMENT_FALLBACK = 'cache_aligner:placement_fallback';

function contentSlot(view: ConversationView, index: number): TextSlot | undefined {
  return view.entry(index)?.slots.find((s) => s.path.length === 1 && s.path[0] === 'content');
}

/** Append to message `index`: after its string content, or as a new part of its content array. */
function appendTo(view: ConversationView, index: number): TailTarget | undefined {
  const m = view.conversation.messages[index];
  if (!isRecord(m)) return undefined;
  if (typeof m.content === 'string') {
    const slot = contentSlot(view, index);
    return slot ? { kind: 'append-text', slot } : undefined;
  }
  if (!Array.isArray(m.content)) return undefined;
  return { kind: 'append-part', index, partType: view.format === 'openai-responses' ? 'input_text' : 'text' };
}

/**
 * `last-user`: the last real user message, unless the request ends in a tool loop after it (an
 * agent's loop re-sends that message unchanged on every step) or it is frozen.
 */
function lastUser(view: ConversationView, frozen: number): TailTarget | undefined {
  const last = view.lastRealUser();
  if (last === undefined || last < frozen) return undefined;
  const toolAfter = view.entries.some(
    (e) => e.index > last && (e.kind === 'tool-call' || e.kind === 'tool-result' || e.role === 'tool'),
  );
  return toolAfter ? undefined : appendTo(view, last);
}

/**
 * `end`: after everything the provider may already have cached. Responses: a new user item.
 * Chat and Anthropic: appended to a final user message (after Anthropic's tool_result blocks, which
 * stay first), else a new user message after final tool messages; a final assistant message is a
 * prefill, so the tail goes to the last user message instead.
 */
function end(view: ConversationView, frozen: number): TailTarget | undefined {
  const messages = view.conversation.messages;
  const index = messages.length - 1;
  const final = messages[index];
  if (!isRecord(final)) return undefined;
  if (view.format === 'openai-responses') return { kind: 'new-message' };
  if (final.role === 'tool') return { kind: 'new-message' };
  if (final.role === 'assistant') return lastUser(view, frozen);
  if (final.role !== 'user') return undefined;
  return index < frozen ? { kind: 'new-message' } : (appendTo(view, index) ?? { kind: 'new-message' });
}

/** Where the tail goes for this request; falls back to the system prompt with a warning. */
export function tailTarget(
  view: ConversationView,
  placement: AlignerPlacement,
  frozen: number,
): { target: TailTarget; warning?: string } {
  if (placement === 'system-tail') return { target: { kind: 'system' } };
  const target = placement === 'end' ? end(view, frozen) : lastUser(view, frozen);
  return target ? { target } : { target: { kind: 'system' }, warning: PLACEMENT_FALLBACK };
}

/** The edit for text and message targets (parts are appended by {@link appendPart}). */
export function tailEdit(
  target: TailTarget,
  tail: { appended: string; standalone: string },
): Edit | undefined {
  if (target.kind === 'append-text')
    return { op: 'replace', slot: target.slot, text: target.slot.text + tail.appended };
  if (target.kind === 'new-message') {
    return {
      op: 'insert',
      before: Number.MAX_SAFE_INTEGER,
      message: { role: 'user', text: tail.standalone },
    };
  }
  return undefined;
}

/** A copy of `conv` with a text part appended to message `index` (copied along that path only). */
export function appendPart(conv: Conversation, index: number, part: Rec): Conversation {
  const m = conv.messages[index] as Rec;
  const content = m.content as unknown[];
  const messages = conv.messages.with(index, {
    ...m,
    content: [...content, part],
  } as (typeof conv.messages)[number]);
  return { ...conv, messages };
}
