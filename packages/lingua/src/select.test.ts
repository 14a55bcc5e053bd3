import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dropConsecutiveRepeats, selectWords } from './select.js';

describe('selectWords', () => {
  it('takes must-keep words first, then the most probable until the budget', () => {
    const { keep, totalTokens, keptTokens } = selectWords({
      costs: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
      probs: [0.1, 0.9, 0.2, 0.8, 0.3, 0.7, 0.4, 0.6, 0.5, 0.05],
      must: [0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
      rate: 0.4,
    });
    expect(totalTokens).toBe(10);
    expect(keptTokens).toBe(4);
    expect(Array.from(keep)).toEqual([0, 1, 0, 1, 0, 1, 0, 0, 0, 1]);
  });

  it('breaks ties by position and skips words that no longer fit', () => {
    const { keep } = selectWords({
      costs: [3, 1, 1, 1],
      probs: [0.5, 0.5, 0.5, 0.5],
      must: [0, 0, 0, 0],
      rate: 0.5,
    });
    // Budget 3: the first word fills it alone.
    expect(Array.from(keep)).toEqual([1, 0, 0, 0]);
    const skip = selectWords({
      costs: [1, 4, 1, 1],
      probs: [0.1, 0.9, 0.5, 0.4],
      must: [0, 0, 0, 0],
      rate: 3 / 7,
    });
    expect(Array.from(skip.keep)).toEqual([1, 0, 1, 1]);
  });

  it('lands within one word of the budget unless must-keep words exceed it', () => {
    const word = fc.record({
      cost: fc.integer({ min: 0, max: 5 }),
      p: fc.double({ min: 0, max: 1, noNaN: true }),
      must: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(word, { maxLength: 200 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (words, rate) => {
          const costs = words.map((w) => w.cost);
          const { keep, totalTokens, keptTokens } = selectWords({
            costs,
            probs: words.map((w) => w.p),
            must: words.map((w) => (w.must ? 1 : 0)),
            rate,
          });
          const budget = Math.ceil(rate * totalTokens);
          const mustTokens = words.reduce((s, w) => s + (w.must ? w.cost : 0), 0);
          expect(keptTokens).toBe(costs.reduce((s, c, i) => s + (keep[i] ? c : 0), 0));
          words.forEach((w, i) => {
            if (w.must) expect(keep[i]).toBe(1);
          });
          if (mustTokens <= budget) {
            expect(keptTokens).toBeLessThanOrEqual(budget);
            const left = words.filter((w, i) => !keep[i] && !w.must).map((w) => w.cost);
            // Every dropped word would have overflowed the budget.
            for (const c of left) expect(keptTokens + c).toBeGreaterThan(budget);
          }
        },
      ),
    );
  });
});

describe('dropConsecutiveRepeats', () => {
  it('drops a forced word repeated right after itself, never a protected one', () => {
    const words = ['.', '.', 'x', '.', '42', '42'];
    const keep = new Uint8Array([1, 1, 1, 1, 1, 1]);
    dropConsecutiveRepeats(words, keep, [1, 1, 0, 1, 1, 1], [0, 0, 0, 0, 1, 1]);
    expect(Array.from(keep)).toEqual([1, 0, 1, 1, 1, 1]);
  });

  it('treats words with dropped words between them as consecutive in the output', () => {
    const keep = new Uint8Array([1, 0, 1]);
    dropConsecutiveRepeats(['.', 'x', '.'], keep, [1, 0, 1], [0, 0, 0]);
    expect(Array.from(keep)).toEqual([1, 0, 0]);
  });
});
