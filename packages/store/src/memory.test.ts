import type { EvictionEvent } from '@headroom/core';
import { describe, expect, it } from 'vitest';
import { openStore } from './open-store.js';
import { ccrPut, describeStoreContract } from './testing/contract.js';
import { collectingLogger, fakeClock } from './testing/helpers.js';

describeStoreContract('memory', { shared: false, fakeClock: true, tamper: false }, async () => {
  const clock = fakeClock();
  return {
    open: (opts) => openStore('memory', { ...opts, now: clock.now, logger: collectingLogger() }),
    advance: async (ms) => clock.advance(ms),
    cleanup: async () => {},
  };
});

describe('memory store caps', () => {
  it('evicts the least recently used entry by bytes, memo outputs included', async () => {
    const store = await openStore('memory', { memory: { maxBytes: 35 } });
    const evictions: EvictionEvent[] = [];
    store.on('eviction', (e) => evictions.push(e));
    const a = store.put(ccrPut('a'.repeat(10)));
    const b = store.put(ccrPut('b'.repeat(10)));
    await store.flush();
    await store.get(a);
    await store.memoPut('aa', {
      output: 'm'.repeat(10),
      ccrRefs: [],
      tokensBefore: 1,
      tokensAfter: 1,
      strategy: 's',
      createdAt: 1,
    });
    store.put(ccrPut('c'.repeat(10)));
    await store.flush();
    expect(await store.get(b)).toBeUndefined();
    expect(await store.get(a)).toBeDefined();
    expect(evictions.map((e) => [e.hash, e.reason, e.retrieved])).toEqual([[b, 'capacity', false]]);
    expect((await store.stats()).evictions).toBe(1);
  });

  it('evicts by entry count, reporting retrieved entries as retrieved', async () => {
    const store = await openStore('memory', { memory: { maxEntries: 1 } });
    const evictions: EvictionEvent[] = [];
    store.on('eviction', (e) => evictions.push(e));
    const first = store.put(ccrPut('first'));
    await store.flush();
    await store.get(first);
    store.put(ccrPut('second'));
    await store.flush();
    expect(evictions).toMatchObject([{ hash: first, reason: 'capacity', retrieved: true }]);
  });

  it('sweeps expired entries and reports them as expired', async () => {
    const clock = fakeClock();
    const store = await openStore('memory', { ttlMs: 1000, now: clock.now });
    const evictions: EvictionEvent[] = [];
    store.on('eviction', (e) => evictions.push(e));
    const hash = store.put(ccrPut('short'));
    await store.flush();
    clock.advance(1000);
    await store.sweep();
    expect(evictions).toMatchObject([{ hash, reason: 'expired', retrieved: false }]);
    expect(await store.stats()).toMatchObject({ entries: 0, expirations: 1 });
  });
});
