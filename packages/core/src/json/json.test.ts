import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HeadroomError } from '../errors.js';
import { parseJson, tryParseJson } from './parse-json.js';
import { RawNumber } from './raw-number.js';
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
});
