import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashAnchors, markerAnchors } from './anchors.js';

/** The definition: starts of maximal hex runs of 32, 40 or 64 characters holding a digit. */
function hashStartsByDefinition(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/[0-9a-fA-F]+/g)) {
    const n = m[0].length;
    if ((n === 32 || n === 40 || n === 64) && /\d/.test(m[0])) out.push(m.index);
  }
  return out;
}

/** hashAnchors over every line of a text, as findDynamic calls it. */
function hashStartsByLines(text: string): number[] {
  const out: number[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    hashAnchors(text, start, start + line.length, out);
    start += line.length + 1;
  }
  return out;
}

const hexy = fc
  .array(
    fc.oneof(
      fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF'), minLength: 1, maxLength: 70 }),
      fc.string({ unit: fc.constantFrom(...'abcdef'), minLength: 30, maxLength: 66 }),
      fc.constantFrom(' ', '-', '\n', 'g', 'x', '.', 'eyJ', 'J', 'y'),
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

describe('hashAnchors', () => {
  it('finds exactly the hex runs of hash length with a digit, though it tests one position in 32', () => {
    fc.assert(
      fc.property(hexy, (text) => {
        expect(hashStartsByLines(text)).toEqual(hashStartsByDefinition(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('finds runs at line starts and ends, and skips runs without a digit or of other lengths', () => {
    const h32 = 'a1'.repeat(16);
    const text = `${h32}\nx ${'ab'.repeat(16)} ${'a1'.repeat(17)} ${'f0'.repeat(20)}\n${'9'.repeat(31)}g`;
    expect(hashStartsByLines(text)).toEqual([0, text.indexOf('f0')]);
    expect(hashStartsByLines(text)).toEqual(hashStartsByDefinition(text));
  });
});

describe('markerAnchors', () => {
  it('anchors JWTs at "eyJ" (found by its J), UUIDs at 8 hex digits and datetimes at 4 digits before a dash', () => {
    const text = 'eyJa x.eyJb JSON eyj 3f2a1b4c-1d2e 2025-01-07 abc-def';
    expect(markerAnchors(text).sort((a, b) => a - b)).toEqual([0, 7, 21, 35]);
  });

  it('matches a search for every "eyJ"', () => {
    fc.assert(
      fc.property(hexy, (text) => {
        const jwt = [...text.matchAll(/eyJ/g)].map((m) => m.index);
        const dashes = markerAnchors(text.replaceAll('-', '_'));
        expect(dashes).toEqual(jwt);
      }),
      { numRuns: 500 },
    );
  });
});
