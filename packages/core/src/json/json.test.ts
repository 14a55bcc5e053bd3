import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HeadroomError } from '../errors.js';
import { parseJson, tryParseJson } from './parse-json.js';
import { RawNumber } from './raw-number.js';
import { hasRiskyNumber } from './risky-numbers.js';
import { stableStringify, stringifyCompact } from './stringify.js';

describe('lossless JSON', () => {
  it('keeps big integers, exponents and negative zero byte-exact', () => {
    const text = '{"id":12345678901234567890,"small":1.5e-7,"neg":-0,"f":0.1,"n":[1,2e3]}';
    const value = parseJson(text) as Record<string, unknown>;
    expect(value.id).toBeInstanceOf(RawNumber);
    expect((value.id as RawNumber).raw).toBe('12345678901234567890');
    expect(value.f).toBe(0.1);
    expect(stringifyCompact(value)).toBe(text);
  });

  it('keeps number formatting: 1.0, 2.50, 1e5, 1E+5, 0.0000001, 1e400', () => {
    const text = '[1.0,2.50,1e5,1E+5,0.0000001,1e400,100.0,-0.0,3,0.5]';
    expect(stringifyCompact(parseJson(text))).toBe(text);
    expect((parseJson(text) as unknown[]).slice(-2)).toEqual([3, 0.5]);
  });

  it('uses plain JSON.parse when no number is at risk', () => {
    expect(parseJson('{"a":[1,2,{"b":"2024-01-05"}]}')).toEqual({ a: [1, 2, { b: '2024-01-05' }] });
  });

  it('round-trips arbitrary JSON text through parse + compact stringify (property)', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(stringifyCompact(parseJson(text))).toBe(text);
      }),
    );
  });

  it('preserves every number lexeme exactly (property)', () => {
    const lexeme = fc.oneof(
      fc.bigInt().map(String),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => JSON.stringify(d)),
      fc.constantFrom(
        '-0',
        '1e400',
        '1.0E+2',
        '123456789012345678901234567890.5',
        '1.0',
        '0.000000123',
        '7.250',
      ),
      fc.tuple(fc.integer(), fc.nat(999), fc.nat(4)).map(([i, f, zeros]) => `${i}.${f}${'0'.repeat(zeros)}`),
    );
    fc.assert(
      fc.property(fc.array(lexeme, { maxLength: 5 }), (nums) => {
        const text = `[${nums.join(',')}]`;
        expect(stringifyCompact(parseJson(text))).toBe(text);
      }),
    );
  });

  it('parses what JSON.parse parses, including escapes and __proto__ keys', () => {
    const text = '{"__proto__":{"x":1},"s":"a\\"b\\u00e9\\n","big":99999999999999999}';
    const value = parseJson(text) as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__', 's', 'big']);
    expect(value.s).toBe('a"bé\n');
    expect(stringifyCompact(value)).toBe(text.replace('\\u00e9', 'é'));
  });

  it('throws PARSE_FAILED on invalid JSON, on both paths', () => {
    for (const bad of ['{"a":', '[1,2', '{"n":12345678901234567890', 'nul', '"\u0001"']) {
      expect(() => parseJson(bad)).toThrow(HeadroomError);
      expect(tryParseJson(bad)).toBeUndefined();
    }
  });

  it('sorts keys only in stableStringify', () => {
    expect(stableStringify({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
    expect(stringifyCompact({ b: 1, a: 2 })).toBe('{"b":1,"a":2}');
    expect(stringifyCompact({ u: undefined, x: [undefined] })).toBe('{"x":[null]}');
  });

  it('finds risky lexemes only in number tokens, never inside strings', () => {
    expect(
      hasRiskyNumber('{"id":"3e4f1b2c-0000-4a1b","v":"1.0","w":"-0","big":"12345678901234567890"}'),
    ).toBe(false);
    expect(hasRiskyNumber('{"a":"x\\"1.0","b":2}')).toBe(false);
    expect(hasRiskyNumber('{"a":"x\\\\","b":1.0}')).toBe(true);
    expect(hasRiskyNumber('[1, 2.5, -3, 0.001, 1e5]')).toBe(true);
    expect(hasRiskyNumber('[-0]')).toBe(true);
    expect(hasRiskyNumber('1.50')).toBe(true);
    // 18 significant digits split by the point: no 16-digit run, still not a double's lexeme.
    expect(hasRiskyNumber('[123456789.123456789]')).toBe(true);
    expect(stringifyCompact(parseJson('[123456789.123456789]'))).toBe('[123456789.123456789]');
    const uuids = '[{"id":"550e8400-e29b-41d4-a716-446655440000","ver":"2.10"}]';
    expect(parseJson(uuids)).toEqual(JSON.parse(uuids));
  });

  it('flags a text exactly when one of its number tokens does not round-trip (property)', () => {
    const lexeme = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => JSON.stringify(d)),
      fc.integer().map(String),
      fc.constantFrom('1.0', '-0', '1e5', '2.50', '0.0000001', '12345678901234567890', '0.5', '-12'),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(lexeme, fc.boolean())), fc.boolean(), (parts, large) => {
        // Large texts go through the native screen first (16 KiB and up), small ones straight to the scan.
        const items = parts.map(([lex, quoted]) => (quoted ? JSON.stringify(`v${lex}`) : lex));
        if (large) items.push(JSON.stringify('x'.repeat(16 * 1024)));
        const text = `[${items.join(', ')}]`;
        const risky = parts.some(([lex, quoted]) => !quoted && String(Number(lex)) !== lex);
        expect(hasRiskyNumber(text)).toBe(risky);
        expect(stringifyCompact(parseJson(text))).toBe(text.replaceAll(', ', ','));
      }),
    );
  });

  it('keeps risky lexemes through the native parser, and falls back where sentinels are ambiguous', () => {
    const ids =
      '[{"id":1234567890123456789,"price":19.90,"s":"a\\\\"},{"id":9223372036854775807,"n":[1e5,-0]}]';
    const value = parseJson(ids) as { id: unknown }[];
    expect(value[0]!.id).toBeInstanceOf(RawNumber);
    expect(stringifyCompact(value)).toBe(ids);
    const proto = '{"__proto__":1.0,"a":{"__proto__":[2.50]}}';
    expect(Object.keys(parseJson(proto) as object)).toEqual(['__proto__', 'a']);
    expect(stringifyCompact(parseJson(proto))).toBe(proto);
    // A text that already holds \u0000 takes the lexeme-preserving parser, with the same result.
    const nul = '{"k":"\\u00001","v":1.0,"w":"\\u0000"}';
    expect(stringifyCompact(parseJson(nul))).toBe(nul);
    expect((parseJson(nul) as { k: string }).k).toBe('\u00001');
    // A risky lexeme where only a string may stand (a key) must not parse.
    for (const bad of ['{1.0:2}', '[1.0.0]', '[01.0]', '[1.0 2]', '{"a":1.0,}']) {
      expect(() => parseJson(bad)).toThrow(HeadroomError);
    }
  });

  it('writes RawNumbers through native stringify, also beside strings that look like its sentinels', () => {
    const texts = [
      '[1.0,{"a":"\\u00000","b":2.50}]',
      '{"\\u00001":1e5,"s":"x\\\\u0000y","t":"\\"\\u00002"}',
      '[-0,"\\\\u00000",[12345678901234567890]]',
      '1.50',
    ];
    for (const text of texts) expect(stringifyCompact(parseJson(text))).toBe(text);
    // Plain JSON.stringify still sees numbers.
    expect(JSON.stringify(parseJson('[1.0,1e400]'))).toBe('[1,null]');
  });
});
