import { fieldHash, MemoryCcrStore, type SmartCrusherConfigInput, valueHash } from '@headroom/core';
import { SmartCrusher } from '@headroom/crusher';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { attachToStore } from './attach-store.js';
import { RetrievingStore } from './test-utils/retrieving-store.js';
import { ORDER_SIGNATURE, shipments, type TestToin, testToin } from './test-utils/workload.js';

let t: TestToin;
afterEach(async () => {
  await t?.toin.close();
});

const count = (text: string, value: string) => text.split(`"${value}"`).length - 1;

/**
 * The feedback loop end to end: SmartCrusher records 60 compressions, agents search 10 of the
 * stored originals for items with `fail` status through CCR, and TOIN learns from the events.
 */
async function simulate(fail: string, crusherConfig: SmartCrusherConfigInput = {}) {
  t = testToin();
  const store = new RetrievingStore(new MemoryCcrStore());
  const detach = attachToStore(t.toin, store);
  const crusher = new SmartCrusher(crusherConfig, { store, toin: t.toin });
  const hashes: string[] = [];
  for (let i = 0; i < 60; i++) {
    const r = crusher.crush(JSON.stringify(shipments(80, i, fail)));
    if (r.ccrHash) hashes.push(r.ccrHash);
  }
  expect(hashes.length).toBeGreaterThan(10);
  for (const hash of hashes.slice(0, 10)) await store.search(hash, `status:${fail}`);
  detach();
  // Nothing above changed the advice: reads only see published snapshots.
  expect(t.toin.advise(ORDER_SIGNATURE)).toBeUndefined();
  t.toin.publishSnapshot();
  return { crusher, store };
}

describe("SmartCrusher with TOIN hints (the issue's done criteria)", () => {
  it('retrieving items whose status is "failed" teaches TOIN that status is an error indicator', async () => {
    await simulate('failed');
    const sig = shipmentSignature();
    const view = t.toin.pattern(sig)!;
    expect(view).toMatchObject({ compressions: 60, retrievals: 10 });
    expect(view.fieldSemantics[fieldHash('status')]).toMatchObject({
      inferredType: 'error_indicator',
      defaultValue: valueHash('delivered'),
      importantValues: [valueHash('failed')],
    });
    expect(view.confidence).toBeGreaterThanOrEqual(0.5);
    expect(t.toin.advise(sig)?.importantValues).toContainEqual({
      field: fieldHash('status'),
      value: valueHash('failed'),
    });
  });

  it('then SmartCrusher keeps every "failed" item even with keyword error detection off', async () => {
    const config = { preserveErrors: false };
    const { store } = await simulate('failed', config);
    const plain = new SmartCrusher(config, { store });
    const advised = new SmartCrusher(config, { store, toin: t.toin });
    let total = 0;
    let keptPlain = 0;
    let keptAdvised = 0;
    for (let seed = 900; seed < 905; seed++) {
      const input = JSON.stringify(shipments(80, seed, 'failed'));
      total += count(input, 'failed');
      keptPlain += count(plain.crush(input).compressed, 'failed');
      keptAdvised += count(advised.crush(input).compressed, 'failed');
    }
    expect(keptPlain).toBeLessThan(total);
    expect(keptAdvised).toBe(total);
  });

  it('and keeps items whose status text has no error keyword at all ("voided")', async () => {
    const { store } = await simulate('voided');
    expect(t.toin.pattern(shipmentSignature())?.fieldSemantics[fieldHash('status')]?.inferredType).toBe(
      'error_indicator',
    );
    const plain = new SmartCrusher({}, { store });
    const advised = new SmartCrusher({}, { store, toin: t.toin });
    let total = 0;
    let keptPlain = 0;
    let keptAdvised = 0;
    for (let seed = 1200; seed < 1205; seed++) {
      const input = JSON.stringify(shipments(80, seed, 'voided'));
      total += count(input, 'voided');
      keptPlain += count(plain.crush(input).compressed, 'voided');
      const result = advised.crush(input);
      keptAdvised += count(result.compressed, 'voided');
    }
    expect(keptPlain).toBeLessThan(total);
    expect(keptAdvised).toBe(total);
  });

  it("hints never lower maxItemsAfterCrush: a floor of 50 is capped at the crusher's own 30", async () => {
    t = testToin();
    const store = new MemoryCcrStore();
    for (let i = 0; i < 60; i++) {
      const items = shipments(80, i, 'voided');
      t.toin.recordCompression({
        signature: shipmentSignature(),
        strategy: 'top_n',
        tokensBefore: 9,
        tokensAfter: 3,
        items,
      });
      t.toin.recordRetrieval({ signature: shipmentSignature(), kind: 'search' });
    }
    t.toin.publishSnapshot();
    expect(t.toin.advise(shipmentSignature())).toMatchObject({ minItems: 50, skip: false });
    const input = JSON.stringify(shipments(80, 77, 'voided'));
    const plain = new SmartCrusher({ maxItemsAfterCrush: 30 }, { store }).crush(input).arrays[0]!;
    const advised = new SmartCrusher({ maxItemsAfterCrush: 30 }, { store, toin: t.toin }).crush(input)
      .arrays[0]!;
    expect(plain.kept).toBeLessThan(30);
    expect(advised.kept).toBe(30);
  });

  it('property: whatever was learned, a hint only raises the floor and every important item ships', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 80 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 1, max: 1000 }),
        (compressions, searches, fulls, seed) => {
          const local = testToin();
          const sig = shipmentSignature();
          for (let i = 0; i < compressions; i++)
            local.toin.recordCompression({
              signature: sig,
              strategy: 'top_n',
              tokensBefore: 9,
              tokensAfter: 3,
              items: shipments(40, seed + i, 'voided'),
            });
          for (let i = 0; i < searches; i++)
            local.toin.recordRetrieval({
              signature: sig,
              kind: 'search',
              query: 'status:voided',
              retrievedItems: shipments(10, seed - i, 'voided', 0.9),
            });
          for (let i = 0; i < fulls; i++) local.toin.recordRetrieval({ signature: sig, kind: 'full' });
          local.toin.publishSnapshot();
          const hint = local.toin.advise(sig);
          if (hint) {
            expect(Object.keys(hint).every((k) => ALLOWED.has(k))).toBe(true);
            expect([undefined, 25, 50]).toContain(hint.minItems);
          }
          const input = JSON.stringify(shipments(80, seed, 'voided'));
          const store = new MemoryCcrStore();
          const config = { toinConfidenceThreshold: 0, maxItemsAfterCrush: 40 };
          const plain = new SmartCrusher(config, { store }).crush(input).arrays[0]!;
          const advised = new SmartCrusher(config, { store, toin: local.toin }).crush(input);
          const report = advised.arrays[0]!;
          // Both dropped rows: the advised selection is at least as large.
          if (plain.kept < 80 && report.kept < 80) expect(report.kept).toBeGreaterThanOrEqual(plain.kept);
          const voided = { field: fieldHash('status'), value: valueHash('voided') };
          if (hint?.importantValues.some((v) => v.field === voided.field && v.value === voided.value))
            expect(count(advised.compressed, 'voided')).toBe(count(input, 'voided'));
          if (hint?.skip) expect(report.kept).toBe(80);
          void local.toin.close();
        },
      ),
      { numRuns: 25 },
    );
  });
});

const ALLOWED = new Set([
  'skip',
  'minItems',
  'preserveFields',
  'importantValues',
  'confidence',
  'source',
  'reason',
]);
const shipmentSignature = () => structureSignatureOf(shipments(5, 1, 'x'));

import { structureSignature } from '@headroom/core';

const structureSignatureOf = (items: unknown[]) => structureSignature(items);
