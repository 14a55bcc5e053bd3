import type { TextSlot } from '../messages/types.js';
import type { ConversationView } from '../messages/view.js';

const MAX_USER_CHARS = 2000;

function stringValues(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (typeof value === 'number') out.push(String(value));
  else if (Array.isArray(value)) for (const v of value) stringValues(v, out);
  else if (typeof value === 'object' && value !== null)
    for (const v of Object.values(value)) stringValues(v, out);
}

/**
 * The relevance query for a slot: the last real user text (≤ 2,000 chars) plus, for a tool result,
 * the values (never the keys) of its call's JSON arguments.
 */
export function queryFor(view: ConversationView, slot?: TextSlot): string {
  const parts: string[] = [];
  const last = view.lastRealUser();
  if (last !== undefined) {
    const text = view
      .entry(last)!
      .slots.filter((s) => s.kind === 'user-text')
      .map((s) => s.text)
      .join('\n');
    parts.push(text.length > MAX_USER_CHARS ? text.slice(-MAX_USER_CHARS) : text);
  }
  if (slot?.kind === 'tool-result' && slot.toolArgs) {
    try {
      const values: string[] = [];
      stringValues(JSON.parse(slot.toolArgs), values);
      parts.push(values.join(' '));
    } catch {
      parts.push(slot.toolArgs);
    }
  }
  return parts.filter(Boolean).join('\n');
}
