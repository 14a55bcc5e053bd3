import { getTokenizer } from '@headroom/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { headTail } from './head-tail.js';

const t = getTokenizer('gpt-4o');

describe('headTail', () => {
  it('stays within the budget and keeps a prefix and a suffix of the text', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 0, maxLength: 400 }),
        fc.integer({ min: 8, max: 80 }),
        (text, budget) => {
          const out = headTail(text, budget, t);
          if (t.count(text) <= budget) return out === text;
          const [head, tail] = out.split('\n[...]\n');
          return t.count(out) <= budget + 2 && text.startsWith(head!) && text.endsWith(tail!);
        },
      ),
    );
  });

  it('drops the middle of a long text', () => {
    const text = Array.from({ length: 200 }, (_, i) => `line ${i}`).join('\n');
    const out = headTail(text, 60, t);
    expect(out).toContain('line 0');
    expect(out).toContain('line 199');
    expect(out).not.toContain('line 100\n');
  });
});
