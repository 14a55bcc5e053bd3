import { MemoryCcrStore, parseJson, stringifyCompact } from '@headroom/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apiResponse, dbRows, logRecords, metrics, searchResults, users } from './__fixtures__/generators.js';
import { adaptiveK } from './adaptive-k.js';
import { DistinctSet } from './distinct-set.js';
import { fieldStats, rowBytesFloor } from './field-stats.js';
import { PairSet } from './pair-set.js';
import { lazySerialized } from './serialized.js';
import { shapeHash, valueShapeHash } from './shape-hash.js';
import { shapeSignature, UNUSUAL } from './shape-signature.js';
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

  it('equal shapes always have equal signatures (property)', () => {
    // Strings from a small alphabet, so that different values often share a shape.
    const piece = fc.constantFrom(
      'a',
      'A',
      'k',
      'K',
      '\u212a',
      '1',
      '22',
      '905',
      ' ',
      '  ',
      '\n',
      '\u0001',
      '\u0007',
      '"',
      '\\',
      'é',
      'É',
      'İ',
      '\ud800',
      '😀',
      'x',
    );
    const text = fc.array(piece, { maxLength: 12 }).map((p) => p.join(''));
    const value = fc.letrec((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        text,
        fc.integer({ min: -3, max: 3 }),
        fc.constantFrom(true, false, null, 0.5, -0, 1e21, Number.NaN),
        fc.array(tie('v'), { maxLength: 3 }),
        fc.dictionary(text, tie('v'), { maxKeys: 3 }),
      ),
    })).v;
    let same = 0;
    fc.assert(
      fc.property(value, value, (a, b) => {
        const [sa, sb] = [shapeSignature(a), shapeSignature(b)];
        if (sa === UNUSUAL || sb === UNUSUAL) return;
        if (valueShapeHash(a, false) !== valueShapeHash(b, false)) return;
        same++;
        expect(sa).toBe(sb);
      }),
      { numRuns: 20_000 },
    );
    expect(same).toBeGreaterThan(500);
    // Different shapes that the windows cannot see apart share one; NaN is null's shape: UNUSUAL.
    expect(shapeSignature({ t: 'abcd middle one wxyz' })).toBe(shapeSignature({ t: 'abcd middle two wxyz' }));
    expect(shapeSignature({ t: 'abcd wxyz' })).not.toBe(shapeSignature({ t: 'abce wxyz' }));
    // Same-shape pairs by construction: each token spelled two ways with one shape (case, digit
    // and space runs, `\u` escapes that absorb the hex-like chars after them).
    const TOKENS = [
      ['1', '22', '905', '0'],
      ['a', 'A'],
      ['k', 'K', '\u212a'],
      ['i', '\u0130'],
      [' ', '  '],
      ['\u0001', '\u0007', '\u0000'],
      ['\u001f', '\u0001f', '\u0000F'],
      ['\u000b', '\u0000b', '\u0003B'],
      ['é', 'É'],
      ['f', 'F'],
      ['x'],
      ['"'],
      ['\\'],
      ['\n'],
      ['😀'],
      ['\ud800'],
      ['-'],
    ];
    const spell = (ts: [number, number][]) => ts.map(([t, k]) => TOKENS[t]![k % TOKENS[t]!.length]).join('');
    const token = fc.tuple(fc.nat(TOKENS.length - 1), fc.nat(5), fc.nat(5));
    fc.assert(
      fc.property(fc.array(token, { maxLength: 14 }), (ts) => {
        const a = spell(ts.map(([t, k]) => [t, k]));
        const b = spell(ts.map(([t, , k]) => [t, k]));
        expect(valueShapeHash([a], false)).toBe(valueShapeHash([b], false));
        expect(shapeSignature({ k: a, v: [b, 1] })).toBe(shapeSignature({ k: b, v: [a, 2] }));
      }),
      { numRuns: 20_000 },
    );
    // A digit after a \u escape joins the escape's digit run: `"\u00011"` has the shape of `"\u0001"`.
    expect(valueShapeHash(['\u00011'], false)).toBe(valueShapeHash(['\u0001'], false));
    expect(shapeSignature(['\u00011'])).toBe(shapeSignature(['\u0001']));
    expect(shapeSignature([Number.NaN])).toBe(UNUSUAL);
    expect(shapeSignature({ d: new Date(0) })).toBe(UNUSUAL);
  });

  it('adaptive k is the same with signatures as with every sampled shape hashed', () => {
    const arrays: unknown[][] = [
      searchResults(300),
      searchResults(1000),
      logRecords(400),
      users(200),
      dbRows(500),
      metrics(300),
      apiResponse(260).results,
      Array.from({ length: 300 }, (_, i) => ({ id: i, msg: `same words here ${i % 7}` })),
      Array.from({ length: 300 }, (_, i) => ({ id: i, msg: i % 2 ? 'abcd one wxyz' : 'abcd two wxyz' })),
    ];
    for (const items of arrays) {
      const s = lazySerialized(items as never[]);
      const text = (i: number) => JSON.stringify(items[i]).toLowerCase();
      for (const opts of [
        { minK: 3, maxK: 50, bias: 1 },
        { minK: 3, maxK: 500, bias: 1 },
        { minK: 3, maxK: 50, bias: 0.05 },
      ]) {
        // The reference: every sampled item's shape hashed from its serialized text.
        const slow = adaptiveK({ n: items.length, serialized: s, text }, opts);
        const fast = adaptiveK(
          { n: items.length, serialized: s, shape: s.shape, signature: s.signature, text },
          opts,
        );
        expect(fast).toBe(slow);
      }
    }
  });

  it('DistinctSet counts exactly what a Map counts, fingerprint collisions included', () => {
    const set = new DistinctSet(4);
    const ref = new Map<unknown, number>();
    const values: (string | number | boolean)[] = [];
    for (let i = 0; i < 3000; i++) {
      // Same length, differing only in the middle: the fingerprint mostly cannot tell them apart.
      values.push(`${'x'.repeat(20)}${i % 700}${'y'.repeat(20)}`, i % 50, i % 3 === 0, String(i % 50));
      values.push(i / 7, (i % 13) * 0.1);
    }
    values.push('', '', 0, -0, '0', Number.NaN, Number.NaN, Number.POSITIVE_INFINITY);
    for (const v of values) {
      const fresh = !ref.has(v);
      ref.set(v, (ref.get(v) ?? 0) + 1);
      expect(set.add(v)).toBe(fresh);
    }
    expect(set.size).toBe(ref.size);
    const counts = set.counts();
    expect(counts.size).toBe(ref.size);
    for (const [v, c] of ref) expect(counts.get(v as never)).toBe(c);
  });

  it("the row byte floor never exceeds the rows' compact JSON (property), and gives up on odd values", () => {
    const row = fc.dictionary(
      fc.string({ unit: 'binary', maxLength: 6 }),
      fc.oneof(
        fc.string({ unit: 'binary', maxLength: 12 }),
        fc.double(),
        fc.constantFrom(true, false, null, 0, -0, 1e21, [], {}),
        fc.array(fc.integer(), { maxLength: 3 }),
      ),
      { maxKeys: 5 },
    );
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 12 }), (rows) => {
        const floor = rowBytesFloor(fieldStats(rows as never[]), rows as never[]);
        const exact = rows.reduce((a, r) => a + JSON.stringify(r).length, 0);
        expect(floor).toBeDefined();
        expect(floor!).toBeLessThanOrEqual(exact);
      }),
      { numRuns: 3000 },
    );
    const rows = searchResults(50);
    const exact = rows.reduce((a, r) => a + JSON.stringify(r).length, 0);
    // No escapes: the floor is off only by the digits of the scores (one byte counted each).
    expect(rowBytesFloor(fieldStats(rows), rows)).toBe(
      exact - rows.reduce((a, r) => a + String(r.score).length - 1, 0),
    );
    const odd = [{ a: undefined, b: 'long text here' }, { b: 'x' }] as never[];
    expect(rowBytesFloor(fieldStats(odd), odd)).toBeUndefined();
    const dated = [new Date(0), { b: 'x' }] as never[];
    expect(rowBytesFloor(fieldStats(dated), dated)).toBeUndefined();
  });

  it('output text reused from the walk equals the compact JSON of the output value', () => {
    const texts = [
      JSON.stringify(searchResults(300)), // thinned root array
      JSON.stringify(users(300)), // kept whole: unique entities
      JSON.stringify(logRecords(200).map((r) => ({ ...r, level: r.level.toLowerCase() }))),
      JSON.stringify({ results: searchResults(120) }), // wrapped
      `[${searchResults(200)
        .map((r, i) =>
          JSON.stringify({ ...r, w: 1 }).replace('"w":1', i % 3 ? '"w":1.0' : '"w":12345678901234567890'),
        )
        .join(',')}]`,
    ];
    for (const text of texts) {
      const r = new SmartCrusher({}, { store: new MemoryCcrStore() }).crush(text, { query: 'doc_42' });
      expect(r.wasModified).toBe(true);
      expect(r.compressed).toBe(stringifyCompact(r.value));
    }
  });
});
