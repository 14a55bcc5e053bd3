import { MemoryCcrStore } from '@headroom/core';
import { afterEach, describe, expect, it } from 'vitest';
import { attachToStore } from './attach-store.js';
import { RetrievingStore } from './test-utils/retrieving-store.js';
import { compress, ORDER_SIGNATURE, orders, type TestToin, testToin } from './test-utils/workload.js';

let t: TestToin;
afterEach(async () => {
  await t?.toin.close();
});

const put = (store: { put: MemoryCcrStore['put'] }, i: number, signature = ORDER_SIGNATURE) =>
  store.put({
    original: JSON.stringify(orders(30, i)),
    kind: 'json',
    strategy: 'top_n(30->8)',
    unit: 'rows',
    omitted: 22,
    total: 30,
    ...(signature ? { signature } : {}),
  });

describe('attachToStore (§7 test plan 13)', () => {
  it('store retrievals reach recordRetrieval with their kind and query', async () => {
    t = testToin();
    const store = new MemoryCcrStore();
    attachToStore(t.toin, store);
    compress(t.toin, 10);
    const hash = put(store, 1);
    await store.get(hash);
    await store.search(hash, 'customer:cust_3');
    await store.search(hash, 'customer:cust_4');
    await store.search(hash, 'customer:cust_5');
    t.toin.publishSnapshot();
    expect(t.toin.pattern(ORDER_SIGNATURE)).toMatchObject({ retrievals: 4, fullRetrievals: 1 });
    expect(t.toin.advise(ORDER_SIGNATURE)).toMatchObject({ minItems: 25 });
  });

  it('an eviction nobody retrieved adds evictedUnretrieved and never a retrieval', async () => {
    t = testToin();
    const store = new MemoryCcrStore({ maxEntries: 1 });
    attachToStore(t.toin, store);
    compress(t.toin, 10);
    put(store, 1);
    put(store, 2);
    t.toin.publishSnapshot();
    expect(t.toin.pattern(ORDER_SIGNATURE)).toMatchObject({ retrievals: 0, evictedUnretrieved: 1 });
    // Retrieved, then deleted: one retrieval, and the eviction is not a second one.
    const hash = put(store, 3);
    await store.get(hash);
    await store.delete(hash);
    t.toin.publishSnapshot();
    expect(t.toin.pattern(ORDER_SIGNATURE)).toMatchObject({ retrievals: 1, evictedUnretrieved: 2 });
  });

  it('search events that carry the returned items teach field statistics', async () => {
    t = testToin();
    const store = new RetrievingStore(new MemoryCcrStore());
    attachToStore(t.toin, store);
    compress(t.toin, 10);
    const hash = put(store, 1);
    for (let i = 0; i < 3; i++) await store.search(hash, 'ord_1_7');
    t.toin.publishSnapshot();
    expect(Object.keys(t.toin.pattern(ORDER_SIGNATURE)!.fieldSemantics)).not.toHaveLength(0);
  });

  it('entries without a signature are skipped, and unsubscribing stops the feed', async () => {
    t = testToin();
    const store = new MemoryCcrStore();
    const detach = attachToStore(t.toin, store);
    const unsigned = put(store, 1, '');
    await store.get(unsigned);
    expect(t.toin.stats().recorded.retrievals).toBe(0);
    const signed = put(store, 2);
    await store.get(signed);
    expect(t.toin.stats().recorded.retrievals).toBe(1);
    detach();
    await store.get(signed);
    await store.delete(signed);
    expect(t.toin.stats().recorded).toMatchObject({ retrievals: 1, evictions: 0 });
  });
});
