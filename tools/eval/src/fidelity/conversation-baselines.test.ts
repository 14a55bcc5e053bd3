import { type AnyMessage, getTokenizer, pairViolations } from '@headroom/core';
import { describe, expect, it } from 'vitest';
import { conversationCases } from './cases/conversation-cases.js';
import { headTailMessages, MASKED, maskObservations } from './conversation-baselines.js';
import { conversationTokens } from './conversation-text.js';

const t = getTokenizer('gpt-4o');
const [session] = conversationCases(7);
const messages = session!.messages;
const roles = (ms: AnyMessage[]) => ms.map((m) => (m as { role: string }).role);

describe('maskObservations', () => {
  it('masks only tool outputs before the last two tool-call rounds and keeps pairs valid', () => {
    const masked = maskObservations(messages);
    expect(roles(masked)).toEqual(roles(messages));
    expect(pairViolations(masked)).toEqual([]);
    const rounds = messages.flatMap((m, i) => ('tool_calls' in m ? [i] : []));
    const cut = rounds[rounds.length - 2]!;
    for (const [i, m] of masked.entries()) {
      const isTool = (m as { role: string }).role === 'tool';
      expect((m as { content: unknown }).content === MASKED).toBe(isTool && i < cut);
    }
  });
});

describe('headTailMessages', () => {
  it('fits the budget, keeps the first and last messages, and may break tool pairs', () => {
    const budget = Math.floor(conversationTokens(messages, t) / 3);
    const cut = headTailMessages(messages, budget, t);
    expect(conversationTokens(cut, t)).toBeLessThanOrEqual(budget);
    expect(cut[0]).toBe(messages[0]);
    expect(cut.at(-1)).toBe(messages.at(-1));
    expect(headTailMessages(messages, Number.POSITIVE_INFINITY, t)).toEqual(messages);
  });
});
