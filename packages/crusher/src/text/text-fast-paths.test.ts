import { MemoryCcrStore } from '@headroom/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { grepOutput } from '../__fixtures__/text-generators.js';
import { KeyIds } from './key-ids.js';
import { templateOf } from './lines.js';
import { SearchCompressor } from './search-compressor.js';

// The faster forms must give exactly what the plain definitions give.

describe('KeyIds', () => {
  it('gives the dense first-seen ids a Map gives, for keys up to 2^53', () => {
    // Keys that agree in their low bits or high bits, small and large.
    const key = fc.oneof(
      fc.integer({ min: 0, max: 40 }),
      fc.integer({ min: 0, max: 40 }).map((k) => k * 2 ** 32),
      fc.integer({ min: 0, max: 40 }).map((k) => k * 2 ** 21 + 7),
      fc.maxSafeInteger().map((k) => Math.abs(k)),
    );
    fc.assert(
      fc.property(fc.array(key, { maxLength: 500 }), (keys) => {
        const ids = new KeyIds();
        const map = new Map<number, number>();
        for (const k of keys) {
          if (!map.has(k)) map.set(k, map.size);
          expect(ids.id(k)).toBe(map.get(k));
        }
        expect(ids.keys).toEqual([...map.keys()]);
      }),
      { numRuns: 300 },
    );
  });
});

/** The definition `templateOf` implements with an `exec` loop. */
function templateByReplace(line: string): string {
  const head = line.length > 2000 ? line.slice(0, 2000) : line;
  const plain = head.includes('\x1b') ? head.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '') : head;
  return plain
    .replace(
      /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})|("[^"]*"|'[^']*')|((?<![\w.-])(?:[A-Za-z]:)?(?:[\w.-]*\/)+[\w.-]+)|(\b0x[0-9a-f]+\b|\b[0-9a-f]{12,}\b)|(\d+(?:\.\d+)?)|(\s+)/gi,
      (_m, uuid, str, path, hex, num) =>
        uuid !== undefined
          ? '<uuid>'
          : str !== undefined
            ? '<str>'
            : path !== undefined
              ? '<path>'
              : hex !== undefined
                ? '<hex>'
                : num !== undefined
                  ? '<n>'
                  : ' ',
    )
    .trim();
}

describe('templateOf', () => {
  it('equals the replace-with-callback definition', () => {
    const part = fc.constantFrom(
      'INFO',
      ' ',
      '\t',
      '12',
      '3.5',
      '0xff',
      'deadbeefcafe1',
      '123e4567-e89b-12d3-a456-426614174000',
      '"q 1"',
      "'x'",
      '/usr/lib/x.so',
      'C:/a/b',
      'a.b-c/d',
      '\x1b[31m',
      'é',
      ':',
    );
    fc.assert(
      fc.property(fc.array(part, { maxLength: 20 }), fc.string({ maxLength: 10 }), (parts, noise) => {
        const line = parts.join('') + noise;
        expect(templateOf(line), JSON.stringify(line)).toBe(templateByReplace(line));
      }),
      { numRuns: 1000 },
    );
    const long = `${'ab 12 '.repeat(400)}tail 7`;
    expect(templateOf(long)).toBe(templateByReplace(long));
  });
});

describe('SearchCompressor file ranking', () => {
  it('ranks tied files by name whether or not the listing is sorted', () => {
    // 40 files, one match each, none matching a query: all tie, 15 are kept, the rest listed
    // by name in the note.
    const sorted = grepOutput(40, 1);
    const r = (n: number) => ((n * 7919) % 40) + 0; // a fixed permutation of 0..39
    const shuffled = sorted.map((_, i) => sorted[r(i)]!);
    const note = (lines: string[]) => {
      const out = new SearchCompressor({}, { store: new MemoryCcrStore() }).compress(lines.join('\n'));
      return out.compressed.split('\n').find((l) => l.includes('more files with'));
    };
    const a = note(sorted);
    expect(a).toBeDefined();
    expect(note(shuffled)).toBe(a);
    const names = [...a!.matchAll(/(src\/\S+) \(1\)/g)].map((m) => m[1]!);
    expect(names).toEqual([...names].sort());
    expect(names).toHaveLength(25);
  });
});
