import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentHash, isHeadroomError } from '@headroom/core';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openStore } from './open-store.js';
import type { StoreOptionsInput } from './options.js';
import { spawnWriter } from './test-utils/spawn-writer.js';
import { ccrPut, describeStoreContract } from './testing/contract.js';
import { corpusText } from './testing/corpus.js';
import { collectingLogger, flipByte } from './testing/helpers.js';
import { type RedisServer, startRedisServer } from './testing/redis-server.js';
import { describeWithRedis } from './testing/redis-suite.js';
import type { HeadroomStore, MemoEntry } from './types.js';

const home = mkdtempSync(join(tmpdir(), 'headroom-store-redis-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

const PREFIX = 'headroom:v1:';
/**
 * A 1 s call timeout instead of 250 ms: on CI's shared cores a slow call must not turn into an
 * outage. Outages below come from killing the server, which the client notices at once.
 */
const SLOW_CI = { hotTimeoutMs: 1000 };
const memo = (output: string, ccrRefs: string[] = []): MemoEntry => ({
  output,
  ccrRefs,
  tokensBefore: 10,
  tokensAfter: 2,
  strategy: 'test',
  createdAt: 1,
});

/** Runs `fn` with a plain client: what another program (or a bad actor) would do to the keys. */
async function withClient<T>(server: RedisServer, fn: (r: Redis) => Promise<T>): Promise<T> {
  const client = new Redis(server.port, '127.0.0.1', { lazyConnect: true });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    client.disconnect();
  }
}

describeWithRedis('redis store', () => {
  describeStoreContract('redis', { shared: true, fakeClock: false, tamper: true }, async () => {
    const server = await startRedisServer();
    return {
      open: (opts) => openStore(server.url, { home, redis: SLOW_CI, ...opts, logger: collectingLogger() }),
      advance: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      forgeDigest: async (hash) => {
        await withClient(server, (r) => r.hset(`${PREFIX}ccr:${hash}`, 'd', `${hash}${'f'.repeat(40)}`));
      },
      corruptOriginal: (hash) =>
        withClient(server, async (r) => {
          const original = (await r.hgetBuffer(`${PREFIX}ccr:${hash}`, 'o'))!;
          flipByte(original);
          await r.hset(`${PREFIX}ccr:${hash}`, 'o', original);
        }),
      cleanup: () => server.kill(),
    };
  });

  describe('redis outages and fleets', () => {
    let server: RedisServer;
    const stores: HeadroomStore[] = [];
    const open = async (opts: StoreOptionsInput = {}) => {
      const store = await openStore(server.url, {
        home,
        logger: collectingLogger(),
        redis: SLOW_CI,
        ...opts,
      });
      stores.push(store);
      return store;
    };
    beforeAll(async () => {
      server = await startRedisServer();
    });
    afterAll(async () => {
      await Promise.all(stores.map((s) => s.close()));
      await server.kill();
    });

    it('a killed server makes compression lossless-only without errors; a restart restores it', {
      timeout: 30_000,
    }, async () => {
      const logger = collectingLogger();
      const store = await open({ logger });
      const before = store.put(ccrPut('stored before the outage'));
      await store.flush();
      const replayed = contentHash('replayed memo');
      expect(await store.memoPut(replayed, memo('forwarded before', [before]))).toBe(true);
      expect((await store.memoGetMany([replayed])).get(replayed)?.missingRefs).toEqual([]);

      await server.kill();
      const t0 = performance.now();
      try {
        store.put(ccrPut('put as the server died'));
      } catch (error) {
        expect(isHeadroomError(error, 'STORE_UNAVAILABLE')).toBe(true);
      }
      await expect(store.flush()).rejects.toSatisfy((e: unknown) => isHeadroomError(e, 'STORE_UNAVAILABLE'));
      expect(performance.now() - t0).toBeLessThan(300);
      expect(store.health()).toMatchObject({ ok: false, state: 'down' });
      expect(() => store.put(ccrPut('while down'))).toThrow(
        expect.objectContaining({ code: 'STORE_UNAVAILABLE' }),
      );
      expect(logger.lines.join('\n')).toMatch(/is down \(.*\); lossy compression is off until it recovers/);

      // Memo: reads from the L1, writes queued for replay; retrievals from the L1, else "unavailable".
      const during = contentHash('memo written during the outage');
      expect(await store.memoPut(during, memo('forwarded during'))).toBe(true);
      const hits = await store.memoGetMany([replayed, during, contentHash('unknown')]);
      expect([...hits.keys()]).toEqual([replayed, during]);
      expect((await store.get(before))?.original).toBe('stored before the outage');
      await expect(store.get(contentHash('never stored'))).rejects.toMatchObject({
        code: 'STORE_UNAVAILABLE',
      });
      await store.ledger.add(new Date().toISOString().slice(0, 10), 'outage', 'f', { requests: 7 });
      await store.toin.save({ version: 1, exportedAt: 9, instanceId: '0000000000000000', patterns: {} });
      expect(store.metrics()).toMatchObject({ up: 0, writeBackDepth: 1, outages: 1 });

      await server.start();
      await vi.waitFor(() => expect(store.health().ok).toBe(true), { timeout: 6000, interval: 50 });
      expect(logger.lines.at(-1)).toMatch(/is up again/);
      await vi.waitFor(() => expect(store.metrics().writeBackDepth).toBe(0));
      const after = store.put(ccrPut('stored after the restart'));
      await store.flush();

      const peer = await open();
      expect((await peer.get(after))?.original).toBe('stored after the restart');
      expect((await peer.memoGetMany([during])).get(during)?.entry.output).toBe('forwarded during');
      expect((await peer.ledger.read({ days: 1 })).lifetime.requests).toBe(7);
      expect((await peer.toin.listExports()).map((e) => e.exportedAt)).toContain(9);
    });

    it('only flushed originals back lossy results while the server dies and comes back', {
      timeout: 30_000,
    }, async () => {
      const store = await open({ probeIntervalMs: 100 });
      const lossy: string[] = [];
      let lossless = 0;
      /** What the router does per unit: lossy only if the store is up and the original is durable. */
      const compress = async (text: string) => {
        if (!store.health().ok) return void lossless++;
        try {
          const hash = store.put(ccrPut(text));
          await store.flush();
          lossy.push(hash);
        } catch (error) {
          expect(isHeadroomError(error)).toBe(true);
          lossless++;
        }
      };
      let stop = false;
      const traffic = (async () => {
        for (let i = 0; !stop; i++) {
          await compress(`request ${i}`);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      })();
      await new Promise((resolve) => setTimeout(resolve, 150));
      await server.kill();
      await new Promise((resolve) => setTimeout(resolve, 300));
      const lossyBeforeRestart = lossy.length;
      await server.start();
      await vi.waitFor(() => expect(lossy.length).toBeGreaterThan(lossyBeforeRestart + 5), { timeout: 8000 });
      stop = true;
      await traffic;
      expect(lossless).toBeGreaterThan(0);
      const recovered = lossy.slice(lossyBeforeRestart);
      const peer = await open();
      expect((await Promise.all(recovered.map((h) => peer.get(h)))).every((e) => e !== undefined)).toBe(true);
    });

    it('a full server (maxmemory, noeviction) turns writes off until it has room again', {
      timeout: 30_000,
    }, async () => {
      const tight = await startRedisServer(['--maxmemory', '3mb', '--maxmemory-policy', 'noeviction']);
      const logger = collectingLogger();
      const store = await openStore(tight.url, { home, logger, probeIntervalMs: 100, redis: SLOW_CI });
      try {
        const first = store.put(ccrPut('fits'));
        await store.flush();
        const big = 'y'.repeat(200_000);
        let error: unknown;
        for (let i = 0; i < 40 && !error; i++) {
          store.put(ccrPut(`${i} ${big}`));
          error = await store.flush().catch((e: unknown) => e);
        }
        expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE' });
        expect(store.health()).toMatchObject({ ok: false, state: 'full' });
        expect(() => store.put(ccrPut('refused while full'))).toThrow(
          expect.objectContaining({ detail: 'full' }),
        );
        expect((await store.get(first))?.original).toBe('fits'); // reads still work
        await withClient(tight, (r) => r.config('SET', 'maxmemory', '0'));
        await vi.waitFor(() => expect(store.health().ok).toBe(true), { timeout: 5000 });
        store.put(ccrPut('room again'));
        await store.flush();
        expect(logger.lines.join('\n')).toMatch(/is full \(OOM/);
      } finally {
        await store.close();
        await tight.kill();
      }
    });

    it('what one process wrote, another reads after it exited', { timeout: 60_000 }, async () => {
      const hashes = await spawnWriter({
        url: server.url,
        home,
        label: 'fleet',
        count: 20,
        bytes: 5000,
        flushEvery: 3,
      });
      const store = await open();
      for (const [i, hash] of hashes.entries()) {
        expect((await store.get(hash))?.original).toBe(`fleet ${i} ${corpusText(i, 5000)}`);
      }
      const key = `${Buffer.from('fleet').toString('hex')}${'0'.repeat(8)}`;
      expect((await store.memoGetMany([key])).get(key)?.entry.output).toBe('memo of 0');
    });

    it('fleet: concurrent puts of one original make one entry; the first memo writer wins everywhere', async () => {
      const [a, b] = [await open(), await open()];
      const original = `shared ${Math.random()}`;
      const before = (await a.stats()).entries;
      expect(a.put(ccrPut(original))).toBe(b.put(ccrPut(original)));
      await Promise.all([a.flush(), b.flush()]);
      expect((await a.stats()).entries).toBe(before + 1);
      const key = contentHash(`race ${Math.random()}`);
      const wins = await Promise.all([a.memoPut(key, memo('from a')), b.memoPut(key, memo('from b'))]);
      expect(wins.filter(Boolean)).toHaveLength(1);
      const winner = wins[0] ? 'from a' : 'from b';
      for (const store of [a, b])
        expect((await store.memoGetMany([key])).get(key)?.entry.output).toBe(winner);
    });

    it('starts down when the server is unreachable, without blocking start-up', async () => {
      const dead = await startRedisServer();
      await dead.kill();
      const t0 = performance.now();
      const store = await open({ redis: { ...SLOW_CI, coldTimeoutMs: 300 } });
      const unreachable = await openStore(dead.url, {
        home,
        logger: collectingLogger(),
        redis: { coldTimeoutMs: 300 },
      });
      expect(performance.now() - t0).toBeLessThan(2000);
      expect(store.health().ok).toBe(true);
      expect(unreachable.health()).toMatchObject({ ok: false, state: 'down' });
      expect(() => unreachable.put(ccrPut('x'))).toThrow(
        expect.objectContaining({ code: 'STORE_UNAVAILABLE' }),
      );
      await unreachable.close();
    });

    it('memoGetMany of 50 keys stays around a millisecond over loopback (p50 of 200)', async () => {
      const writer = await open();
      const reader = await open({ l1Bytes: 0 });
      const keys: string[] = [];
      for (let i = 0; i < 50; i++) {
        const hash = writer.put(ccrPut(`ref ${i} ${Math.random()}`));
        keys.push(contentHash(`latency ${i} ${Math.random()}`));
        await writer.memoPut(keys[i]!, memo(`output ${i}`.repeat(20), [hash]));
      }
      await writer.flush();
      const samples: number[] = [];
      for (let i = 0; i < 200; i++) {
        const t0 = performance.now();
        const hits = await reader.memoGetMany(keys);
        samples.push(performance.now() - t0);
        if (hits.size !== 50) throw new Error(`expected 50 hits, got ${hits.size}`);
      }
      const p50 = samples.sort((x, y) => x - y)[100]!;
      // store.md's budget is 2 ms; asserted at 5× because CI's two cores are shared (the bench
      // records the measured number).
      expect(p50, `memoGetMany p50 ${p50} ms`).toBeLessThan(10);
    });
  });
});
