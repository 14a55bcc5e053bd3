import { getTokenizer, TOKENS_PER_MESSAGE } from '@headroom/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partialTokens, requestPrefix, sharedSegments } from './request-prefix.js';

const tokenizer = getTokenizer('gpt-4o');

describe('request prefixes', () => {
  it('puts the Anthropic system prompt first and keys messages by their exact bytes', () => {
    const user = { role: 'user' as const, content: 'Hi' };
    const a = requestPrefix({ format: 'anthropic', system: 'Be brief.', messages: [user] }, tokenizer);
    const b = requestPrefix(
      {
        format: 'anthropic',
        system: 'Be brief.',
        messages: [{ ...user }, { role: 'assistant', content: 'Hello' }],
      },
      tokenizer,
    );
    expect(a.segments.map((s) => s.role)).toEqual(['system', 'user']);
    expect(sharedSegments(a, b)).toEqual({ count: 2, tokens: a.segments[0]!.tokens + a.segments[1]!.tokens });
    const c = requestPrefix({ format: 'anthropic', system: 'Be brief!', messages: [user] }, tokenizer);
    expect(sharedSegments(a, c).count).toBe(0);
  });

  it('never counts more of a partial match than the text both messages start with', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 80 }),
        fc.string({ maxLength: 40 }),
        fc.string({ maxLength: 40 }),
        (common, x, y) => {
          const [sx, sy] = [`${common}${x}`, `${common}${y}`];
          const seg = (text: string) => ({
            key: text,
            role: 'user',
            tokens: TOKENS_PER_MESSAGE + tokenizer.count(text),
            text,
          });
          const n = partialTokens(seg(sx), seg(sy), tokenizer);
          if (sx === sy) expect(n).toBe(seg(sx).tokens);
          else expect(n).toBeLessThanOrEqual(TOKENS_PER_MESSAGE + tokenizer.count(common));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('shares nothing between messages of different roles', () => {
    const seg = (role: string) => ({ key: role, role, tokens: 10, text: 'same text' });
    expect(partialTokens(seg('user'), seg('assistant'), tokenizer)).toBe(0);
  });
});
