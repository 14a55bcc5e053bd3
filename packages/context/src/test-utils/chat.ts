/** Small builders of OpenAI Chat messages for hand-written cases. */
import type { ChatMessage } from '@headroom/core';

export const system = (content = 'You are a support agent. Be brief.'): ChatMessage => ({
  role: 'system',
  content,
});
export const user = (content: string): ChatMessage => ({ role: 'user', content });
export const assistant = (content: string): ChatMessage => ({ role: 'assistant', content });
export const toolCall = (id: string, name: string, args: Record<string, unknown> = {}): ChatMessage => ({
  role: 'assistant',
  content: null,
  tool_calls: [{ id, type: 'function', function: { name, arguments: JSON.stringify(args) } }],
});
export const toolResult = (id: string, content: string): ChatMessage => ({
  role: 'tool',
  tool_call_id: id,
  content,
});

/** Deterministic prose of about `n` words, different per `seed` so messages are not alike. */
export function prose(n: number, seed = 0): string {
  const vocabulary =
    'route cache tenant region invoice ledger queue shard replica metric window budget policy ticket session'.split(
      ' ',
    );
  return Array.from(
    { length: n },
    (_, i) => `${vocabulary[(i * 7 + seed * 3) % vocabulary.length]}${(i + seed) % 13}`,
  ).join(' ');
}

/** A tool output of about `n` rows of JSON. */
export function rows(n: number, seed = 0): string {
  return JSON.stringify(
    Array.from({ length: n }, (_, i) => ({ id: i + seed * 100, status: 'ok', detail: prose(6, i + seed) })),
  );
}
