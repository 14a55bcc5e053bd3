import { describe, expect, it } from 'vitest';
import { MemoryToinBackend } from './backend-memory.js';
import { LIMITS } from './limits.js';
import { expectWithinBounds } from './test-utils/bounds.js';
import { rng, testToin } from './test-utils/workload.js';

describe('bounded memory (invariant 4, §7 test plan 14)', () => {
  it('100,000 events over unbounded signatures, fields, values and queries stay within every bound', async () => {
    const { toin } = testToin(
      { maxPatterns: 500, maxFieldsPerPattern: 12 },
      { backend: new MemoryToinBackend() },
    );
    const rand = rng(7);
    const word = () => Math.floor(rand() * 1e9).toString(36);
    const hot = Array.from({ length: 20 }, (_, i) => i.toString(16).padStart(24, '0'));
    for (let i = 0; i < 100_000; i++) {
      // Half the events go to a few hot signatures (so their lists fill up), half to new ones.
      const signature = rand() < 0.5 ? hot[i % hot.length]! : word().padStart(24, '0').slice(-24);
      const r = rand();
      if (r < 0.35) {
        const items =
          i % 50 === 0
            ? Array.from({ length: 30 }, () => ({
                [word()]: word(),
                status: rand() < 0.2 ? word() : 'ok',
                id: word(),
              }))
            : undefined;
        toin.recordCompression({
          signature,
          strategy: `s_${i % 37}`,
          tokensBefore: 100,
          tokensAfter: 10,
          ...(items ? { items } : {}),
          ...(i % 5 === 0 ? { query: `${word()}:${word()} ${word()} > 3` } : {}),
        });
      } else if (r < 0.7) {
        toin.recordRetrieval({
          signature,
          kind: rand() < 0.5 ? 'full' : 'search',
          strategy: `s_${i % 40}`,
          ...(i % 5 === 0 ? { query: `${word()}=${word()} status:${word()}` } : {}),
          ...(i % 25 === 0 ? { retrievedItems: [{ status: word(), id: word(), [word()]: 1 }] } : {}),
        });
      } else if (r < 0.85) toin.recordEviction({ signature, retrieved: rand() < 0.5 });
      else toin.recordDrop({ signature, count: 2, tokens: 100 });
      if (i % 20_000 === 0) toin.publishSnapshot();
    }
    toin.publishSnapshot();
    expect(toin.stats().patterns).toBe(500);
    expectWithinBounds(toin);
    const views = toin.export();
    // The hot patterns really hit the caps, so the bounds above were exercised.
    const full = Object.values(views.patterns).filter(
      (p) =>
        Object.keys(p.fields).length === 12 &&
        Object.keys(p.queries).length === LIMITS.queryPatterns &&
        Object.keys(p.strategies).length === LIMITS.strategies,
    );
    expect(full.length).toBeGreaterThan(0);
    for (const key of Object.keys(views.patterns).slice(-20)) {
      const view = toin.pattern(key.slice(9));
      expect(view?.commonlyRetrievedFields.length ?? 0).toBeLessThanOrEqual(LIMITS.commonFields);
      for (const s of Object.values(view?.fieldSemantics ?? {}))
        expect(s.importantValues.length).toBeLessThanOrEqual(LIMITS.importantValues);
      expect(toin.advise(key.slice(9), 'all status id')?.preserveFields.length ?? 0).toBeLessThanOrEqual(
        LIMITS.preserveFields,
      );
    }
    await toin.close();
  }, 60_000);

  it('peer contributions share the same bounds', () => {
    const { toin } = testToin({ maxPatterns: 50 }, { id: 99 });
    for (let peer = 1; peer <= 30; peer++) {
      const source = testToin({ maxPatterns: 50 }, { id: peer });
      for (let i = 0; i < 50; i++)
        source.toin.recordCompression({
          signature: (peer * 100 + i).toString(16).padStart(24, '0'),
          strategy: 'x',
          tokensBefore: 1,
          tokensAfter: 1,
        });
      toin.import(source.toin.export());
      void source.toin.close();
    }
    expectWithinBounds(toin);
    expect(toin.stats().records).toBeLessThanOrEqual(200);
    void toin.close();
  });
});
