import { MemoryCcrStore } from '@headroom/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compressOne } from './compress-one.js';
import { CompressJsonSchema } from './schemas.js';
import { logText } from './test-utils/fixtures.js';

describe('compressOne', () => {
  it('never throws; a passthrough is byte-identical, every CCR hash is retrievable', async () => {
    const store = new MemoryCcrStore();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 400 }),
          fc
            .array(fc.record({ id: fc.nat(), name: fc.string(), ok: fc.boolean() }), { maxLength: 120 })
            .map((a) => JSON.stringify(a, null, 2)),
          fc.integer({ min: 50, max: 600 }).map((n) => logText(n)),
        ),
        async (text) => {
          const r = CompressJsonSchema.parse(await compressOne(text, { store, lossless: false }));
          if (r.strategy === 'passthrough') {
            expect(r.compressed).toBe(text);
            expect(r.ccr).toEqual([]);
            expect(r.tokensAfter).toBe(r.tokensBefore);
          }
          for (const { hash } of r.ccr) expect(await store.get(hash)).toBeDefined();
        },
      ),
      { numRuns: 25 },
    );
  });

  it('fails open to the input when the originals cannot be made durable', async () => {
    const store = new MemoryCcrStore();
    store.flush = () => Promise.reject(new Error('disk gone'));
    const text = logText(1500);
    const r = await compressOne(text, { store, lossless: false });
    expect(r).toMatchObject({ compressed: text, strategy: 'passthrough', ccr: [] });
  });
});
