import type { ConversationView, TextSlot } from '@headroom/core';
import { isRecord } from './record.js';

/** The leading system slots of a request, and why they must not be rewritten, if they must not. */
export interface SystemSlots {
  slots: TextSlot[];
  /** Index of each slot within its entry's slots. */
  slotIndex: number[];
  problem?: 'malformed_system' | 'cache_control';
}

const TEXT_TYPES = new Set(['text', 'input_text', 'output_text']);

/** The raw content of a system entry: Anthropic `system` / Responses `instructions`, or a message's content. */
function rawContent(view: ConversationView, index: number): { content: unknown; holder?: unknown } {
  if (index < 0) return { content: view.conversation.system };
  const m = view.conversation.messages[index];
  return { content: isRecord(m) ? m.content : undefined, holder: m };
}

function inspect(content: unknown, holder: unknown, respectCacheControl: boolean): SystemSlots['problem'] {
  if (respectCacheControl && isRecord(holder) && holder.cache_control !== undefined) return 'cache_control';
  if (typeof content === 'string' || content === null || content === undefined) return undefined;
  if (!Array.isArray(content)) return 'malformed_system';
  for (const part of content) {
    if (!isRecord(part) || typeof part.type !== 'string') return 'malformed_system';
    if (TEXT_TYPES.has(part.type) && typeof part.text !== 'string') return 'malformed_system';
    if (respectCacheControl && part.cache_control !== undefined) return 'cache_control';
  }
  return undefined;
}

/**
 * The system entries before the first non-system entry (Chat system/developer messages, Anthropic
 * `system`, Responses `instructions` and leading system/developer items) and their text slots. A
 * mid-conversation system message is never part of the prefix the aligner owns.
 */
export function leadingSystem(view: ConversationView, respectCacheControl: boolean): SystemSlots {
  const out: SystemSlots = { slots: [], slotIndex: [] };
  for (const entry of view.entries) {
    if (entry.role !== 'system') break;
    const { content, holder } = rawContent(view, entry.index);
    out.problem ??= inspect(content, holder, respectCacheControl);
    entry.slots.forEach((slot, i) => {
      out.slots.push(slot);
      out.slotIndex.push(i);
    });
  }
  return out;
}
