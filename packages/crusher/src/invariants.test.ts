import {
  CCR_MARKER_RE,
  contentHash,
  isErrorItem,
  type JsonValue,
  MemoryCcrStore,
  parseJson,
  parseMarkers,
  stringifyCompact,
} from '@headroom/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandColumnar } from './columnar.js';
import { SmartCrusher } from './smart-crusher.js';

const UUID = '3f2b8c1e-9d4a-4e6b-8f0a-1c2d3e4f5a6b';

/** Record arrays with planted errors, anomalies and (optionally) a UUID needle the query asks for. */
const plantedArb = fc
  .record({
    n: fc.integer({ min: 9, max: 160 }),
    errors: fc.uniqueArray(fc.nat(), { maxLength: 4 }),
    anomalies: fc.uniqueArray(fc.nat(), { maxLength: 3 }),
    needle: fc.option(fc.nat(), { nil: undefined }),
    seed: fc.nat(),
    shape: fc.constantFrom('search', 'generic', 'logs'),
  })
  .map(({ n, errors, anomalies, needle, seed, shape }) => {
    const at = (xs: number[]) => new Set(xs.map((x) => x % n));
    const errorAt = at(errors);
    const anomalyAt = at(anomalies);
    const needleAt = needle === undefined ? undefined : needle % n;
    const items = Array.from({ length: n }, (_, i) => {
      const base: Record<string, JsonValue> =
        shape === 'search'
          ? { id: `r${i}`, title: `result ${(i * 7 + seed) % 13} about caching`, score: 1 - i / n }
          : shape === 'logs'
            ? {
                level: 'INFO',
                message: `handled request ${(i * 31 + seed) % 17} in ${i % 9}ms from node ${i % 5}`,
              }
            : { id: i, group: `g${(i + seed) % 4}`, value: 10 + ((i * 3 + seed) % 5) };
      if (errorAt.has(i)) base.status = 'failed';
      if (anomalyAt.has(i)) base.latency = 1_000_000;
      else base.latency = 20 + (i % 7);
      if (needleAt === i) base.trace = UUID;
      return base;
    });
    return { items, query: needleAt === undefined ? 'caching' : `what happened to ${UUID}?`, needleAt };
  });

/** Indexes with |z| > 2 (sample σ): the definition of a numeric anomaly (invariant 5). */
function zAnomalies(values: number[]): number[] {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
  return values.flatMap((v, i) => (sd > 0 && Math.abs(v - mean) > 2 * sd ? [i] : []));
}

const crusher = (store = new MemoryCcrStore()) => new SmartCrusher({}, { store });
const keptRows = (compressed: string) =>
  (expandColumnar(parseJson(compressed)) as JsonValue[]).filter(
    (r) => !(typeof r === 'object' && r !== null && '_ccr' in r),
  );

describe('SmartCrusher invariants (property)', () => {
  it('keeps errors, anomalies, ends and needles byte-identical, in order, with honest markers and CCR', async () => {
    await fc.assert(
      fc.asyncProperty(plantedArb, async ({ items, query, needleAt }) => {
        const store = new MemoryCcrStore();
        const input = JSON.stringify(items);
        const r = crusher(store).crush(input, { query, force: true });
        const rows = keptRows(r.compressed).map((row) => stringifyCompact(row));
        const inputRows = items.map((item) => stringifyCompact(item));
        // 4. every output row is an input row, in the original order
        const positions = rows.map((row) => inputRows.indexOf(row));
        expect(positions.every((p) => p >= 0)).toBe(true);
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
        const kept = new Set(positions);
        // 2, 3, 5: errors, first/last, anomalies and the needle survive
        items.forEach((item, i) => {
          if (isErrorItem(item)) expect(kept.has(i)).toBe(true);
        });
        for (const i of [0, 1, 2, items.length - 2, items.length - 1]) expect(kept.has(i)).toBe(true);
        for (const i of zAnomalies(items.map((item) => item.latency as number)))
          expect(kept.has(i)).toBe(true);
        if (needleAt !== undefined) expect(kept.has(needleAt)).toBe(true);
        // 6, 7: honest marker, byte-identical original behind it
        const markers = parseMarkers(r.compressed);
        if (kept.size < items.length) {
          expect(markers).toHaveLength(1);
          expect(markers[0]).toMatchObject({
            omitted: items.length - kept.size,
            total: items.length,
            hash: r.ccrHash,
          });
          expect(r.ccrHash).toBe(contentHash(input));
          expect((await store.get(r.ccrHash!))?.original).toBe(input);
        } else {
          expect(markers).toHaveLength(0);
          expect(r.ccrHash).toBeUndefined();
        }
        // 9: relevance cannot inflate the output past k + maxRelevantItems beyond must-keeps
        const mustKeep = Object.values(r.arrays[0]?.mustKeep ?? {}).reduce((a, b) => a + b, 0);
        if (kept.size < items.length) expect(kept.size).toBeLessThanOrEqual(Math.max(50, mustKeep + 10));
      }),
      { numRuns: 150 },
    );
  });

  it('1, 10, 13: valid JSON out, idempotent, and lossless output expands to the input', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        const input = JSON.stringify(value);
        const c = crusher();
        const once = c.crush(input, { force: true });
        expect(() => JSON.parse(once.compressed)).not.toThrow();
        expect(c.crush(once.compressed, { force: true }).compressed).toBe(once.compressed);
        if (once.ccrHash === undefined) {
          expect(stringifyCompact(expandColumnar(parseJson(once.compressed)))).toBe(
            stringifyCompact(parseJson(input)),
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it('1: non-JSON text comes back untouched', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !/^\s*[[{]/.test(s)),
        (text) => {
          const r = crusher().crush(text);
          expect(r.compressed).toBe(text);
          expect(r.wasModified).toBe(false);
        },
      ),
    );
  });

  it('11, 12: number arrays keep every lexeme they keep, and the stats are exact', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })),
          {
            minLength: 60,
            maxLength: 300,
          },
        ),
        (values) => {
          const input = JSON.stringify(values);
          const r = crusher().crush(input, { force: true });
          const out = parseJson(r.compressed) as JsonValue[];
          const marker = out.find((v) => typeof v === 'string' && CCR_MARKER_RE.test(v)) as
            | string
            | undefined;
          CCR_MARKER_RE.lastIndex = 0;
          const lexemes = new Set(values.map((v) => JSON.stringify(v)));
          for (const v of out) if (v !== marker) expect(lexemes.has(stringifyCompact(v))).toBe(true);
          if (marker) {
            const sorted = [...values].sort((a, b) => a - b);
            const sig = (x: number) => String(Number(x.toPrecision(6)));
            expect(marker).toContain(`min=${sig(sorted[0]!)} max=${sig(sorted.at(-1)!)}`);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('14: same input, config and query give the same bytes', () => {
    fc.assert(
      fc.property(plantedArb, ({ items, query }) => {
        const input = JSON.stringify(items);
        expect(crusher().crush(input, { query }).compressed).toBe(
          crusher().crush(input, { query }).compressed,
        );
      }),
      { numRuns: 50 },
    );
  });
});
