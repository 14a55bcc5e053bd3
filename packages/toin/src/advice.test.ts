import { afterEach, describe, expect, it } from 'vitest';
import { compress, ORDER_SIGNATURE, orders, type TestToin, testToin } from './test-utils/workload.js';

let t: TestToin;
afterEach(async () => {
  await t?.toin.close();
});

function retrieve(kind: 'full' | 'search', n: number, query?: string) {
  for (let i = 0; i < n; i++)
    t.toin.recordRetrieval({ signature: ORDER_SIGNATURE, kind, ...(query ? { query } : {}) });
}

describe('advice (§7 test plan 1–3, 7–9)', () => {
  it('10 compressions and no retrievals: no skip, no floor, "low retrieval rate"', () => {
    t = testToin();
    compress(t.toin, 10);
    t.toin.publishSnapshot();
    const hint = t.toin.advise(ORDER_SIGNATURE);
    expect(hint).toMatchObject({ skip: false, reason: 'low retrieval rate', source: 'local' });
    expect(hint?.minItems).toBeUndefined();
    expect(hint?.confidence).toBeCloseTo(0.1);
  });

  it('fewer than 10 compressions: no advice at all', () => {
    t = testToin();
    compress(t.toin, 9);
    retrieve('full', 9);
    t.toin.publishSnapshot();
    expect(t.toin.advise(ORDER_SIGNATURE)).toBeUndefined();
    expect(t.toin.pattern(ORDER_SIGNATURE)?.compressions).toBe(9);
  });

  it('8 full retrievals of 10 compressions: skip (ship lossless)', () => {
    t = testToin();
    compress(t.toin, 10);
    retrieve('full', 8);
    t.toin.publishSnapshot();
    const hint = t.toin.advise(ORDER_SIGNATURE)!;
    expect(hint.skip).toBe(true);
    expect(hint.reason).toBe('mostly fully retrieved');
    expect(hint.minItems).toBeUndefined();
  });

  it('3 retrievals → floor 25; 6 search retrievals → floor 50', () => {
    t = testToin();
    compress(t.toin, 10);
    retrieve('search', 3);
    t.toin.publishSnapshot();
    expect(t.toin.advise(ORDER_SIGNATURE)).toMatchObject({ skip: false, minItems: 25 });
    retrieve('search', 3);
    t.toin.publishSnapshot();
    expect(t.toin.advise(ORDER_SIGNATURE)).toMatchObject({ skip: false, minItems: 50 });
    expect(t.toin.pattern(ORDER_SIGNATURE)).toMatchObject({
      retrievals: 6,
      retrievalRate: 0.6,
      fullRetrievalRate: 0,
    });
  });

  it('"show all orders" raises the floor to 50 for that call only', () => {
    t = testToin();
    compress(t.toin, 10);
    t.toin.publishSnapshot();
    expect(t.toin.advise(ORDER_SIGNATURE, 'show all orders')).toMatchObject({ minItems: 50 });
    expect(t.toin.advise(ORDER_SIGNATURE, 'show the latest orders')?.minItems).toBeUndefined();
    expect(t.toin.advise(ORDER_SIGNATURE)?.minItems).toBeUndefined();
  });

  it('a query field queried three times is commonly retrieved and goes first in preserveFields', () => {
    t = testToin();
    compress(t.toin, 12);
    for (let i = 0; i < 3; i++) retrieve('search', 1, `customer:cust_${i}`);
    for (let i = 0; i < 4; i++) retrieve('search', 1, `id=ord_${i}`);
    t.toin.publishSnapshot();
    const view = t.toin.pattern(ORDER_SIGNATURE)!;
    const [customer, id] = ['customer', 'id'].map((n) => hashOf(n));
    expect(view.commonlyRetrievedFields).toEqual([id, customer]);
    expect(t.toin.advise(ORDER_SIGNATURE)?.preserveFields).toEqual([id, customer]);
    expect(t.toin.advise(ORDER_SIGNATURE, 'orders of customer cust_9')?.preserveFields).toEqual([
      customer,
      id,
    ]);
  });

  it('three instance ids: network source and the confidence bonus', () => {
    t = testToin({}, { id: 3 });
    const peers = [1, 2].map((id) => testToin({}, { id }));
    for (const p of peers) compress(p.toin, 10);
    compress(t.toin, 10);
    t.toin.publishSnapshot();
    expect(t.toin.advise(ORDER_SIGNATURE)).toMatchObject({ source: 'local', confidence: 0.1 });
    for (const p of peers) t.toin.import(p.toin.export());
    t.toin.publishSnapshot();
    const hint = t.toin.advise(ORDER_SIGNATURE)!;
    expect(hint.source).toBe('network');
    // 30 compressions → 0.3, plus 3 users × 0.03.
    expect(hint.confidence).toBeCloseTo(0.39);
    expect(t.toin.pattern(ORDER_SIGNATURE)?.users).toBe(3);
  });

  it('advice is a fresh object each call; the snapshot cannot be changed through it', () => {
    t = testToin();
    compress(t.toin, 10);
    t.toin.publishSnapshot();
    const a = t.toin.advise(ORDER_SIGNATURE)!;
    a.skip = true;
    a.reason = 'tampered';
    expect(t.toin.advise(ORDER_SIGNATURE)).toMatchObject({ skip: false, reason: 'low retrieval rate' });
    expect(() => t.toin.advise(ORDER_SIGNATURE)!.preserveFields.push('x')).toThrow();
  });

  it('unknown signatures and non-array outputs get nothing', () => {
    t = testToin();
    compress(t.toin, 10);
    t.toin.publishSnapshot();
    expect(t.toin.advise('0'.repeat(24))).toBeUndefined();
    expect(t.toin.pattern('not a signature')).toBeUndefined();
    expect(orders(1, 1)).toHaveLength(1);
  });
});

import { fieldHash } from '@headroom/core';

const hashOf = (name: string) => fieldHash(name);
