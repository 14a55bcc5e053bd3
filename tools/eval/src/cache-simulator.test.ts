import { type ChatMessage, getTokenizer, REPLY_PRIMING_TOKENS, TOKENS_PER_MESSAGE } from '@headroom/core';
import { describe, expect, it } from 'vitest';
import { type CacheProfile, OPENAI_PROMPT_CACHE, PromptCacheSimulator } from './cache-simulator.js';
import { requestPrefix } from './request-prefix.js';

const tokenizer = getTokenizer('gpt-4o');
const MINUTE = 60_000;
const SYSTEM = Array.from(
  { length: 160 },
  (_, i) => `Rule ${i}: answer the question about topic ${i} briefly.`,
).join('\n');

const request = (...users: string[]): ChatMessage[] => [
  { role: 'system', content: SYSTEM },
  ...users.map((content): ChatMessage => ({ role: 'user', content })),
];
const total = (messages: ChatMessage[]) => requestPrefix(messages, tokenizer).totalTokens;
const blocks = (tokens: number) => Math.floor(tokens / 128) * 128;
const simulator = (profile: Partial<CacheProfile> = {}) =>
  new PromptCacheSimulator({ ...OPENAI_PROMPT_CACHE, ...profile }, tokenizer);

describe('PromptCacheSimulator', () => {
  it('caches a repeated prompt in whole blocks, minus the reply priming it does not share', () => {
    const sim = simulator();
    const first = request('What is topic 3?');
    expect(total(first)).toBeGreaterThan(1024);
    expect(sim.send(0, first)).toEqual({ promptTokens: total(first), cachedTokens: 0 });
    expect(sim.send(MINUTE, request('What is topic 3?')).cachedTokens).toBe(
      blocks(total(first) - REPLY_PRIMING_TOKENS),
    );
  });

  it('caches a growing conversation up to the previous request', () => {
    const sim = simulator();
    const first = request('What is topic 3?');
    sim.send(0, first);
    const next = [
      ...first,
      { role: 'assistant' as const, content: 'Topic 3 is brief.' },
      { role: 'user' as const, content: 'And 4?' },
    ];
    expect(sim.send(MINUTE, next).cachedTokens).toBe(blocks(total(first) - REPLY_PRIMING_TOKENS));
  });

  it('never caches below the minimum', () => {
    const sim = simulator({ minTokens: 1_000_000 });
    sim.send(0, request('a'));
    expect(sim.send(1, request('a')).cachedTokens).toBe(0);
  });

  it('forgets a prefix after the TTL, unless a request in between used it', () => {
    const sim = simulator();
    sim.send(0, request('a'));
    expect(sim.send(6 * MINUTE, request('a')).cachedTokens).toBe(0);
    const refreshed = simulator();
    refreshed.send(0, request('a'));
    refreshed.send(4 * MINUTE, request('a'));
    expect(refreshed.send(8 * MINUTE, request('a')).cachedTokens).toBeGreaterThan(0);
  });

  it('stops at the first difference inside the system prompt, at a word boundary', () => {
    const sim = simulator();
    const cut = SYSTEM.indexOf('Rule 120');
    const changed = `${SYSTEM.slice(0, cut)}Rule 120 is new.\n${SYSTEM.slice(cut)}`;
    sim.send(0, request('a'));
    // The texts differ after "Rule 120"; the match is cut back to the blank before "120".
    const shared = TOKENS_PER_MESSAGE + tokenizer.count(`${SYSTEM.slice(0, cut)}Rule`);
    expect(
      sim.send(1, [
        { role: 'system', content: changed },
        { role: 'user', content: 'a' },
      ]).cachedTokens,
    ).toBe(blocks(shared));
  });

  it('caches nothing when the difference comes before the minimum', () => {
    const sim = simulator();
    sim.send(0, request('a'));
    expect(
      sim.send(1, [
        { role: 'system', content: `Today is new. ${SYSTEM}` },
        { role: 'user', content: 'a' },
      ]).cachedTokens,
    ).toBe(0);
  });

  it('matches the longest of several cached prefixes', () => {
    const sim = simulator();
    sim.send(0, request('short'));
    sim.send(1, request('a much longer first question', 'and a second one'));
    const cached = sim.send(2, request('a much longer first question', 'and a third one')).cachedTokens;
    expect(cached).toBe(blocks(total(request('a much longer first question')) - REPLY_PRIMING_TOKENS));
  });

  it('sums requests, tokens and hits', () => {
    const sim = simulator();
    const a = sim.send(0, request('a'));
    const b = sim.send(1, request('a'));
    expect(sim.summary()).toEqual({
      requests: 2,
      promptTokens: a.promptTokens + b.promptTokens,
      cachedTokens: b.cachedTokens,
      requestsWithHit: 1,
      hitRate: b.cachedTokens / (a.promptTokens + b.promptTokens),
    });
  });
});
