import { MemoryCcrStore, parseJson, stringifyCompact } from '@headroom/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logRecords, searchResults } from './__fixtures__/generators.js';
import { PairSet } from './pair-set.js';
import { lazySerialized } from './serialized.js';
import { shapeHash, valueShapeHash } from './shape-hash.js';
import { SmartCrusher } from './smart-crusher.js';

describe('fast paths give the exact answers of the slow ones', () => {
  it('lazy serialization: each item and the total equal per-item compact JSON', () => {
    const plain = searchResults(40);
    const exact = parseJson(
      '[{"a":1.0,"b":"x"},{"a":12345678901234567890,"b":"y\\"z"},{"a":2,"b":""}]',
    ) as never[];
    for (const items of [plain, exact] as unknown[][]) {
      const s = lazySerialized(items as never[]);
      expect(s.has(1)).toBe(false);
      const one = s(1);
      expect(s.has(1)).toBe(true);
      expect(one).toBe(stringifyCompact(items[1]));
      const want = items.reduce<number>((a, item) => a + stringifyCompact(item).length, 0);
      expect(s.total()).toBe(want);
      for (let i = 0; i < items.length; i++) s(i);
      expect(s.total()).toBe(want);
    }
    expect(lazySerialized(exact)(1)).toBe('{"a":12345678901234567890,"b":"y\\"z"}');
  });

  it('PairSet counts distinct pairs across growth, telling (hi, lo) apart from (lo, hi)', () => {
    const set = new PairSet(4);
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const hi = (i * 2654435761) >>> 0;
      const lo = i % 97;
      set.add(hi, lo);
      set.add(hi, lo);
      seen.add(`${hi}:${lo}`);
    }
    set.add(1, 2);
    set.add(2, 1);
    set.add(0xffffffff, 0x1fffff);
    set.add(0xffffffff, 0x1fffff);
    expect(set.size).toBe(seen.size + 3);
  });

  it('keeps or drops rows at exactly the preferWithin boundary (lower-bound early exit)', () => {
    for (const rows of [searchResults(600), logRecords(600)]) {
      const text = JSON.stringify(rows);
      const run = (preferWithin: number) =>
        new SmartCrusher({ lossless: { preferWithin } }, { store: new MemoryCcrStore() }).crush(text);
      const thinned = run(1.5);
      expect(thinned.strategy).toMatch(/^top_n/);
      const full = run(1000);
      expect(full.arrays[0]?.reason).toBe('lossless_within_prefer');
      // The thinned output is the kept rows plus the sentinel; the full one the lossless form.
      const ratio = full.compressed.length / thinned.compressed.length;
      expect(run(ratio * 0.999).compressed).toBe(thinned.compressed);
      expect(run(ratio * 1.001).compressed).toBe(full.compressed);
      expect(run(ratio * 1.001).arrays[0]?.reason).toBe('lossless_within_prefer');
    }
  });

  it('numbers whose lexeme a double changes stay exact in kept rows; digits in strings do not matter', () => {
    const rows = searchResults(300).map((r, i) => ({ ...r, ref: `v${i}.0-3e5`, weight: 1 }));
    const text = JSON.stringify(rows).replace('"weight":1}', '"weight":1.50}');
    const r = new SmartCrusher({}, { store: new MemoryCcrStore() }).crush(text);
    expect(r.strategy).toMatch(/^top_n/);
    expect(r.compressed).toContain('1.50');
  });

  it('the shape of a value equals the shape of its compact JSON text (property)', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.constantFrom('"q"', 'a\\b', '\u0000\u001f\b\t\n\f\r', '\ud800x', 'x\udc00', '😀É', 'ΣİK 42  x\t\ty'),
    );
    const value = fc.letrec((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        text,
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.integer(),
        fc.constantFrom(true, false, null, -0, 1e21, 2 ** 53 + 2, -1.5e-7),
        fc.array(tie('v'), { maxLength: 4 }),
        fc.dictionary(text, tie('v'), { maxKeys: 4 }),
      ),
    })).v;
    fc.assert(
      fc.property(value, (v) => {
        expect(valueShapeHash(v, false)).toBe(shapeHash(JSON.stringify(v)));
        expect(valueShapeHash(v, true)).toBe(shapeHash(stringifyCompact(v)));
      }),
      { numRuns: 2000 },
    );
    const lexemes = parseJson('{"a":[1.0,-0,1e400,12345678901234567890],"b":{"c":"2.50"}}');
    expect(valueShapeHash(lexemes, true)).toBe(shapeHash(stringifyCompact(lexemes)));
    const odd = { d: new Date(0), u: undefined, s: new String('x'), f: [undefined] };
    expect(valueShapeHash(odd, false)).toBe(shapeHash(JSON.stringify(odd)));
  });
});
