import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LONG_RUN, mayHaveLongRun } from './long-runs.js';

const hasLongRun = (text: string) => {
  LONG_RUN.lastIndex = 0;
  return LONG_RUN.test(text);
};

// Characters from every class the two patterns distinguish, including the tricky ones: control
// characters (punctuation to the regex, not whitespace), Unicode spaces and digits, combining marks.
const pieces = [
  'a',
  'Z',
  '_',
  '-',
  '"',
  '\u0001',
  '\u007f',
  ' ',
  '\t',
  '\n',
  '7',
  'é',
  '\u0301',
  '\u00a0',
  '٣',
  '𝐀',
  '中',
  '—',
];

describe('mayHaveLongRun', () => {
  it('is true whenever the exact Unicode pattern finds a run', () => {
    const runOf = fc
      .tuple(fc.constantFrom(...pieces), fc.integer({ min: 200, max: 300 }))
      .map(([c, n]) => c.repeat(n));
    const text = fc
      .array(fc.oneof(fc.constantFrom(...pieces), runOf), { maxLength: 12 })
      .map((xs) => xs.join(''));
    fc.assert(
      fc.property(text, (t) => {
        if (hasLongRun(t)) expect(mayHaveLongRun(t)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('lets minified JSON and ordinary prose skip the regex', () => {
    const json = JSON.stringify(
      Array.from({ length: 500 }, (_, i) => ({ id: i, name: `item-${i}`, ok: true })),
    );
    expect(mayHaveLongRun(json)).toBe(false);
    expect(mayHaveLongRun('The quick brown fox jumps over the lazy dog. '.repeat(200))).toBe(false);
  });

  it('catches runs of control characters, which the regex treats as punctuation', () => {
    const text = `a ${'\u0001'.repeat(256)} b`;
    expect(hasLongRun(text)).toBe(true);
    expect(mayHaveLongRun(text)).toBe(true);
  });
});
