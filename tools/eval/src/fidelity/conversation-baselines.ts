import { type AnyMessage, countMessage, type Tokenizer } from '@headroom/core';

export const MASKED = '[earlier tool output omitted]';

/**
 * Observation masking: every tool output older than the last `keepRounds` tool-call rounds is
 * replaced by a placeholder; calls, results and their order stay, so pairs remain valid.
 */
export function maskObservations(messages: readonly AnyMessage[], keepRounds = 2): AnyMessage[] {
  const rounds = messages.flatMap((m, i) =>
    Array.isArray((m as { tool_calls?: unknown }).tool_calls) ? [i] : [],
  );
  const keepFrom = rounds.length > keepRounds ? rounds[rounds.length - keepRounds]! : 0;
  return messages.map((m, i) =>
    i < keepFrom && (m as { role?: string }).role === 'tool' ? ({ ...m, content: MASKED } as AnyMessage) : m,
  );
}

/**
 * Head+tail at the message level: the first messages up to half the budget and the last ones up
 * to the rest, the middle dropped. It ignores tool pairs, which is the point of comparing with it.
 */
export function headTailMessages(
  messages: readonly AnyMessage[],
  budget: number,
  t: Tokenizer,
): AnyMessage[] {
  const cost = messages.map((m) => countMessage('openai-chat', m, t));
  if (cost.reduce((a, b) => a + b, 0) <= budget) return [...messages];
  let used = 0;
  let head = 0;
  while (head < messages.length && used + cost[head]! <= budget / 2) used += cost[head++]!;
  let tail = messages.length;
  while (tail > head && used + cost[tail - 1]! <= budget) used += cost[--tail]!;
  return [...messages.slice(0, head), ...messages.slice(tail)];
}
