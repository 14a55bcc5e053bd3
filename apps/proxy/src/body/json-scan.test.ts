import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeString, scanJson } from './json-scan.js';

describe('scanJson', () => {
  it('accepts what JSON.parse accepts and rejects what it rejects', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.json({ maxDepth: 3 }), fc.string({ unit: 'binary', maxLength: 40 })),
        (text) => {
          let ok = true;
          try {
            JSON.parse(text);
          } catch {
            ok = false;
          }
          let scanned = true;
          try {
            scanJson(Buffer.from(text));
          } catch {
            scanned = false;
          }
          expect(scanned).toBe(ok);
        },
      ),
      { numRuns: 100 },
    );
  }, 30_000);

  it('agrees with JSON.parse on escape and string edge cases', () => {
    const cases = [
      '"a\\"b"',
      '"\\u00e9\\n\\"\\\\"',
      '"\\u00e"',
      '"\\u00eg"',
      '"\\x"',
      '"abc\\',
      '"abc',
      '"tab\there"',
      '"nul\u0000"',
      '["\\"", "\\\\"]',
      '{"k":"v\\/"}',
      '"\\ud83d\\ude00"',
    ];
    for (const text of cases) {
      let ok = true;
      try {
        JSON.parse(text);
      } catch {
        ok = false;
      }
      if (ok) expect(() => scanJson(Buffer.from(text)), text).not.toThrow();
      else expect(() => scanJson(Buffer.from(text)), text).toThrow();
    }
  });

  it('records duplicate keys and decodes escaped strings', () => {
    const buf = Buffer.from('{"a":"x\\u00e9\\n","a":2}');
    const root = scanJson(buf);
    expect(root.kind === 'object' && [...root.dup]).toEqual(['a']);
    const s = scanJson(Buffer.from('"x\\u00e9\\n"'));
    expect(s.kind === 'string' && decodeString(Buffer.from('"x\\u00e9\\n"'), s)).toBe('xé\n');
  });

  it('does not convert numbers', () => {
    const buf = Buffer.from('[12345678901234567890123, -0.5e+10]');
    const root = scanJson(buf);
    expect(root.kind === 'array' && root.items.map((i) => buf.toString('utf8', i.start, i.end))).toEqual([
      '12345678901234567890123',
      '-0.5e+10',
    ]);
  });
});
