import { isErrorItem, valueText } from '@headroom/core';
import { describe, expect, it } from 'vitest';
import { apiResponse, logRecords, prng, searchResults } from './__fixtures__/generators.js';
import { ItemTexts } from './item-texts.js';

const ERRORISH = [
  'TimeoutError',
  'failed',
  'ok',
  'timed out',
  'x\u212Aerror',
  'terrorist',
  'ΑΣ İ',
  503,
  'CRIT',
];

/** Generated rows with error signals at every depth and under keys that only some detectors read. */
function rows(n: number, seed: number): Record<string, unknown>[] {
  const r = prng(seed);
  const pick = () => ERRORISH[Math.floor(r() * ERRORISH.length)];
  return [...searchResults(n, seed), ...logRecords(n, seed), ...apiResponse(n, seed).results].map((row) => {
    const u = r();
    if (u < 0.05) return { ...row, note: pick() };
    if (u < 0.1) return { ...row, meta: { a: { b: { c: { d: pick() } } } } };
    if (u < 0.15) return { ...row, status_code: pick(), level: pick() };
    if (u < 0.2) return { ...row, success: r() < 0.5 };
    return row;
  });
}

describe('ItemTexts', () => {
  it('isError answers as isErrorItem, with the texts joined in one chunk or many', () => {
    let found = 0;
    for (const n of [5, 300, 1500]) {
      const items = rows(n, n);
      const texts = new ItemTexts(items);
      const errors = items.map((_, i) => texts.isError(i));
      expect(errors).toEqual(items.map((item) => isErrorItem(item)));
      found += errors.filter(Boolean).length;
      expect(texts.docs().chunks.length > 1).toBe(n >= 300);
    }
    expect(found).toBeGreaterThan(100);
  });

  it('text(i) is the lowercased valueText, before and after the layout is built', () => {
    const items = rows(400, 7);
    const alone = new ItemTexts(items);
    const joined = new ItemTexts(items);
    joined.lowerDocs();
    for (const i of [0, 17, 399, 800, items.length - 1]) {
      const expected = valueText(items[i]).toLowerCase();
      expect(alone.text(i)).toBe(expected);
      expect(joined.text(i)).toBe(expected);
    }
  });
});
