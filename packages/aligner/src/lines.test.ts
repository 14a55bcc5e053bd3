import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentStartOf, LineCursor, lineEndFrom, lineStartBefore } from './lines.js';

// The definition contentStartOf implements with character tests.
const BULLET = /[ \t]*(?:(?:[-*+•]|\d{1,3}[.)])[ \t]+)?/y;

describe('contentStartOf', () => {
  it.each([
    ['plain', 0],
    ['  indented', 2],
    ['- item', 2],
    ['\t*\t item', 4],
    ['• item', 2],
    ['12. item', 4],
    ['3) item', 3],
    ['1234. no', 0],
    ['-no blank', 0],
    ['  12 no', 2],
  ])('%j starts at %i', (line, start) => {
    expect(contentStartOf(line, 0)).toBe(start);
  });

  it('agrees with the bullet regex', () => {
    const line = fc
      .array(fc.constantFrom(' ', '\t', '-', '*', '+', '•', '1', '2', '.', ')', 'a', '\n'), { maxLength: 10 })
      .map((p) => p.join(''));
    fc.assert(
      fc.property(line, (text) => {
        BULLET.lastIndex = 0;
        BULLET.test(text);
        expect(contentStartOf(text, 0)).toBe(BULLET.lastIndex);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('LineCursor', () => {
  it('gives the bounds of the lines at increasing positions, for LF and CR texts', () => {
    const text = fc
      .array(fc.constantFrom('a', '1', ' ', '\n', '\r', '\r\n', '\n\n'), { maxLength: 40 })
      .map((p) => p.join(''));
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 8 }), (t, raw) => {
        const hasCR = t.includes('\r');
        const cursor = new LineCursor(t, hasCR);
        const positions = raw.map((n) => (t.length === 0 ? 0 : n % t.length)).sort((a, b) => a - b);
        for (const i of positions) {
          expect(cursor.around(i)).toEqual({
            start: lineStartBefore(t, i, hasCR),
            end: lineEndFrom(t, i, hasCR),
          });
        }
      }),
      { numRuns: 1000 },
    );
  });
});
