import {
  type CcrPut,
  contentHash,
  type EvictionEvent,
  isHeadroomError,
  MemoryCcrStore,
  type RetrievalEvent,
  type ToinExport,
} from '@headroom/core';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../errors.js';
import { utcDay } from '../ledger.js';
import type { StoreOptionsInput } from '../options.js';
import type { HeadroomStore, MemoEntry } from '../types.js';
import { corpusSizes, corpusText } from './corpus.js';

export interface StoreContractCapabilities {
  /** Stores opened by one harness share their data (one file, one server). */
  shared: boolean;
  /** Time is a fake clock; otherwise the TTL tests wait in real time with short TTLs. */
  fakeClock: boolean;
  /** The harness can rewrite stored entries behind the store's back. */
  tamper: boolean;
}

export interface StoreContractHarness {
  /** Opens a store on the harness's backend; `opts` overrides the contract's defaults. */
  open(opts?: StoreOptionsInput): Promise<HeadroomStore>;
  /** Moves the fake clock, or waits. */
  advance(ms: number): Promise<void>;
  /** Replaces the stored digest of an entry (a forged collision). */
  forgeDigest?(hash: string): Promise<void>;
  /** Flips a byte of a stored original. */
  corruptOriginal?(hash: string): Promise<void>;
  cleanup(): Promise<void>;
}

export const ccrPut = (original: string, extra: Partial<CcrPut> = {}): CcrPut => ({
  original,
  kind: 'text',
  strategy: 'contract',
  unit: 'lines',
  omitted: 1,
  total: 2,
  ...extra,
});

const memo = (output: string, ccrRefs: string[] = []): MemoEntry => ({
  output,
  ccrRefs,
  tokensBefore: 100,
  tokensAfter: 10,
  strategy: 'contract',
  createdAt: 1,
});

let unique = 0;
/** Distinct content per call: tests share one backend, so nothing may collide across them. */
const fresh = (label: string) => `${label} #${++unique} ${Date.now()} ${Math.random()}`;
const memoKey = () => contentHash(fresh('memo-key'));

/**
 * The behaviour every store kind shares (store.md §12.1): run against memory, sqlite (a real file)
 * and redis (a real server).
 */
export function describeStoreContract(
  name: string,
  caps: StoreContractCapabilities,
  setup: () => Promise<StoreContractHarness>,
): void {
  describe(`store contract: ${name}`, () => {
    const T = caps.fakeClock ? 60_000 : 1000;
    let h: StoreContractHarness;
    const opened: HeadroomStore[] = [];
    const open = async (opts: StoreOptionsInput = {}) => {
      const store = await h.open({ ttlMs: T, refreshIntervalMs: 0, ...opts });
      opened.push(store);
      return store;
    };
    /** A second client on the same data, or the same store when the backend is per-process. */
    const peer = async (store: HeadroomStore, opts?: StoreOptionsInput) => (caps.shared ? open(opts) : store);

    beforeAll(async () => {
      h = await setup();
    });
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
    });
    afterAll(async () => {
      await h?.cleanup();
    });

    it('returns every original byte-exact under its content hash (property)', async () => {
      const writer = await open();
      const reader = await peer(writer);
      const awkward = fc.constantFrom('\u0000', '\r\n', '\uFEFF', '😀', '\n', '', ' \u2028');
      const text = fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), awkward), {
        maxLength: 30,
      });
      await fc.assert(
        fc.asyncProperty(text, async (parts) => {
          const original = parts.join('');
          const hash = writer.put(ccrPut(original));
          expect(hash).toBe(contentHash(original));
          await writer.flush();
          const got = await reader.get(hash);
          expect(got?.original).toBe(original);
          expect(got?.bytes).toBe(Buffer.byteLength(original));
        }),
        { numRuns: 60 },
      );
      const big = `\uFEFF${'0123456789abcdef\r\n😀'.repeat(1 << 16)}`.slice(0, 1 << 20);
      const hash = writer.put(ccrPut(big, { kind: 'log', toolName: 'Bash', signature: 'sig' }));
      await writer.flush();
      expect(await reader.get(hash)).toMatchObject({
        original: big,
        kind: 'log',
        toolName: 'Bash',
        signature: 'sig',
      });
    });

    it('refuses what it cannot store exactly: a lone surrogate, an entry over maxEntryBytes', async () => {
      const store = await open({ maxEntryBytes: 1000 });
      const refused = (original: string) => {
        try {
          store.put(ccrPut(original));
        } catch (error) {
          return error instanceof StoreUnavailableError ? error.detail : error;
        }
        return 'stored';
      };
      expect(refused('a\uD800b')).toBe('not_well_formed');
      expect(refused('x'.repeat(1001))).toBe('entry_too_large');
      expect(refused('x'.repeat(1000))).toBe('stored');
      await store.flush();
      expect(store.health().ok).toBe(true);
    });

    it('re-putting an original is idempotent and extends its TTL', async () => {
      const store = await open();
      const original = fresh('idempotent');
      const hash = store.put(ccrPut(original));
      await store.flush();
      await h.advance(0.6 * T);
      expect(store.put(ccrPut(original))).toBe(hash);
      await store.flush();
      await h.advance(0.6 * T);
      const reader = await peer(store);
      expect((await reader.get(hash))?.original).toBe(original);
      expect((await reader.stats()).entries).toBeGreaterThan(0);
    });

    it('expires entries: sliding refresh on access, capped by maxLifetimeMs', async () => {
      const store = await open({ maxLifetimeMs: 1.8 * T });
      const touched = store.put(ccrPut(fresh('touched')));
      const idle = store.put(ccrPut(fresh('idle')));
      await store.flush();
      await h.advance(0.6 * T);
      expect(await store.touchMany([touched])).toEqual([]);
      await h.advance(0.6 * T);
      expect(await store.get(touched)).toBeDefined(); // refreshed at 0.6 T
      await h.advance(0.3 * T);
      expect(await store.get(idle)).toBeUndefined(); // never refreshed: gone after T
      expect(await store.get(touched)).toBeDefined();
      await h.advance(0.6 * T);
      expect(await store.get(touched)).toBeUndefined(); // 2.1 T: past the 1.8 T ceiling
    });

    if (caps.shared) {
      it("never shortens another writer's longer TTL", async () => {
        const cli = await open({ ttlMs: 2 * T });
        const hash = cli.put(ccrPut(fresh('cli entry')));
        await cli.flush();
        const proxy = await open({ ttlMs: T / 2 });
        expect(await proxy.touchMany([hash])).toEqual([]);
        await h.advance(1.5 * T);
        expect(await proxy.get(hash)).toBeDefined();
      });
    }

    it('touchMany refreshes and returns the hashes that are gone', async () => {
      const store = await open();
      const kept = store.put(ccrPut(fresh('kept')));
      const deleted = store.put(ccrPut(fresh('deleted')));
      await store.flush();
      expect(await store.delete(deleted)).toBe(true);
      expect(await store.delete(deleted)).toBe(false);
      const unknown = contentHash(fresh('never stored'));
      expect(await store.touchMany([kept, deleted, unknown, kept])).toEqual([deleted, unknown]);
    });

    it('memo: the first writer wins, for every client', async () => {
      const a = await open();
      const key = memoKey();
      expect(await a.memoPut(key, memo('first'))).toBe(true);
      expect(await a.memoPut(key, memo('second'))).toBe(false);
      const b = await peer(a);
      expect(await b.memoPut(key, memo('third'))).toBe(false);
      for (const store of [a, b]) {
        expect((await store.memoGetMany([key])).get(key)).toEqual({ entry: memo('first'), missingRefs: [] });
      }
      await a.memoDelete(key);
      expect((await (await peer(a)).memoGetMany([key])).size).toBe(0);
      await expect(a.memoPut('NOT-HEX', memo('x'))).rejects.toMatchObject({ code: 'INVALID_CONFIG' });
    });

    it('memoGetMany reports refs that were deleted or expired, and refreshes the rest', async () => {
      const store = await open();
      const live = store.put(ccrPut(fresh('live ref')));
      const doomed = store.put(ccrPut(fresh('deleted ref')));
      const aging = store.put(ccrPut(fresh('aging ref')));
      await store.flush();
      const key = memoKey();
      const old = memoKey();
      await store.memoPut(old, memo('old', [aging]));
      await h.advance(0.6 * T);
      await store.memoPut(key, memo('replayed', [live, doomed]));
      await store.delete(doomed);
      const first = await store.memoGetMany([key, old, memoKey()]);
      expect(first.get(key)).toEqual({ entry: memo('replayed', [live, doomed]), missingRefs: [doomed] });
      expect(first.get(old)?.missingRefs).toEqual([]); // refreshes `aging` at 0.6 T
      expect(first.size).toBe(2);
      await h.advance(0.6 * T);
      // `live` was refreshed by the hit at 0.6 T, so it is still there at 1.2 T.
      expect((await store.memoGetMany([key])).get(key)?.missingRefs).toEqual([doomed]);
      const late = memoKey();
      const shortLived = store.put(ccrPut(fresh('short-lived ref')));
      await store.flush();
      await h.advance(0.9 * T);
      await store.memoPut(late, memo('late', [shortLived]));
      await h.advance(0.4 * T);
      // The memo entry is 0.4 T old; its ref is 1.3 T old and was never refreshed: expired.
      expect((await store.memoGetMany([late])).get(late)?.missingRefs).toEqual([shortLived]);
    });

    it('emits retrieval events, and eviction events with `retrieved` on delete', async () => {
      const store = await open();
      const retrievals: RetrievalEvent[] = [];
      const evictions: EvictionEvent[] = [];
      store.on('retrieval', () => {
        throw new Error('a listener bug breaks nothing');
      });
      store.on('retrieval', (e) => retrievals.push(e));
      store.on('eviction', (e) => evictions.push(e));
      const read = store.put(
        ccrPut(`line one\nline two ${fresh('events')}`, { toolName: 'Bash', signature: 's1' }),
      );
      const unread = store.put(ccrPut(fresh('never read')));
      await store.flush();
      await store.get(read);
      await store.search(read, 'two');
      expect(retrievals.map((e) => [e.kind, e.query])).toEqual([
        ['full', undefined],
        ['search', 'two'],
      ]);
      expect(retrievals[1]!.entry).toMatchObject({ toolName: 'Bash', signature: 's1', retrievalCount: 2 });
      expect(retrievals[1]!.entry).not.toHaveProperty('original');
      await store.delete(read);
      await store.delete(unread);
      expect(evictions.map((e) => [e.hash, e.reason, e.retrieved])).toEqual([
        [read, 'deleted', true],
        [unread, 'deleted', false],
      ]);
    });

    it('a JSON search event carries the items it returned', async () => {
      const store = await open();
      const retrievals: RetrievalEvent[] = [];
      store.on('retrieval', (e) => retrievals.push(e));
      const items = [
        { id: fresh('a'), status: 'ok' },
        { id: fresh('b'), status: 'failed' },
      ];
      const hash = store.put(ccrPut(JSON.stringify(items), { kind: 'json', signature: 's2' }));
      await store.flush();
      await store.search(hash, 'failed');
      expect(retrievals[0]!.retrievedItems).toEqual([items[1]]);
    });

    it('search returns exactly what MemoryCcrStore returns', async () => {
      const store = await open();
      const reference = new MemoryCcrStore();
      const items = Array.from({ length: 40 }, (_, i) => ({
        id: `req-${i}`,
        status: i === 17 ? 'timeout' : 'ok',
      }));
      const cases: [CcrPut, string][] = [
        [
          ccrPut(JSON.stringify({ results: items, nonce: fresh('json') }), { kind: 'json' }),
          'which one timed out',
        ],
        [ccrPut(`boot ok\ndb connection refused\r\nretrying\n${fresh('log')}`, { kind: 'log' }), 'refused'],
      ];
      for (const [input, query] of cases) {
        const hash = store.put(input);
        await store.flush();
        const expected = await reference.search(reference.put(input), query, { maxResults: 5 });
        expect(await store.search(hash, query, { maxResults: 5 })).toEqual(expected);
      }
      expect(await store.search(contentHash(fresh('absent')), 'x')).toBeUndefined();
    });

    it('counts puts, hits, misses and searches', async () => {
      const store = await open();
      const hash = store.put(ccrPut(fresh('counted')));
      await store.flush();
      await store.get(hash);
      await store.get(contentHash(fresh('missing')));
      await store.get('not a hash');
      await store.search(hash, 'counted');
      expect(await store.stats()).toMatchObject({ puts: 1, hits: 1, misses: 2, searches: 1 });
    });

    it('adds stats up across calls and clients', async () => {
      const a = await open();
      const b = await peer(a);
      const today = utcDay(Date.now());
      const provider = fresh('provider');
      const before = (await a.ledger.read({ days: 1 })).lifetime;
      await a.ledger.add(today, provider, 'claude', { requests: 2, tokensBefore: 1000, tokensAfter: 600 });
      await b.ledger.add(today, provider, 'claude', { requests: 1, tokensBefore: 10, cacheRead: 5 });
      await a.ledger.add(today, provider, 'gpt', { requests: 1, retrievals: 3 });
      const { lifetime, days } = await a.ledger.read({ days: 7 });
      expect(lifetime.requests - before.requests).toBe(4);
      expect(lifetime.tokensBefore - before.tokensBefore).toBe(1010);
      expect(lifetime.retrievals - before.retrievals).toBe(3);
      expect(days.at(-1)).toMatchObject({ date: today });
      await expect(a.ledger.add('yesterday', 'p', 'f', { requests: 1 })).rejects.toMatchObject({
        code: 'INVALID_CONFIG',
      });
    });

    it('keeps one TOIN export per instance', async () => {
      const exportOf = (instanceId: string, n: number): ToinExport => ({
        version: 1,
        exportedAt: n,
        instanceId,
        patterns: { [`sig-${n}`]: { compressions: n } },
      });
      const a = await open({ instanceId: 'aaaaaaaaaaaaaaaa' });
      await a.toin.save(exportOf('aaaaaaaaaaaaaaaa', 1));
      await a.toin.save(exportOf('aaaaaaaaaaaaaaaa', 2));
      expect(await a.toin.load()).toEqual(exportOf('aaaaaaaaaaaaaaaa', 2));
      if (!caps.shared) return;
      const b = await open({ instanceId: 'bbbbbbbbbbbbbbbb' });
      expect(await b.toin.load()).toBeUndefined();
      await b.toin.save(exportOf('bbbbbbbbbbbbbbbb', 3));
      const all = await a.toin.listExports();
      expect(all.map((e) => e.exportedAt).sort()).toEqual([2, 3]);
      expect(await a.toin.load()).toEqual(exportOf('aaaaaaaaaaaaaaaa', 2));
    });

    if (caps.tamper) {
      it('a forged digest under the same hash is CCR_COLLISION; the first entry stays', async () => {
        const a = await open();
        const original = fresh('collision');
        const hash = a.put(ccrPut(original));
        await a.flush();
        await h.forgeDigest!(hash);
        const b = await open();
        b.put(ccrPut(original));
        await expect(b.flush()).rejects.toMatchObject({ code: 'CCR_COLLISION' });
      });

      it('a corrupt original fails its checksum: a miss, logged, deleted, restorable by a re-put', async () => {
        const a = await open();
        const original = fresh('to corrupt').repeat(50);
        const hash = a.put(ccrPut(original));
        await a.flush();
        await h.corruptOriginal!(hash);
        const b = await open();
        expect(await b.get(hash)).toBeUndefined();
        expect(b.metrics().corruptEntries).toBe(1);
        b.put(ccrPut(original));
        await b.flush();
        expect((await (await open()).get(hash))?.original).toBe(original);
      });
    }

    it('round-trips 10,000 entries of up to 5 MB byte-exact', { timeout: 120_000 }, async () => {
      const long = { ttlMs: 3_600_000 }; // the test itself outlasts the contract's short TTL
      const writer = await open({ ...long, memory: { maxEntries: 20_000, maxBytes: 1 << 30 } });
      const sizes = corpusSizes(10_000);
      const hashes: string[] = [];
      for (let i = 0; i < sizes.length; i++) {
        hashes.push(writer.put(ccrPut(corpusText(i, sizes[i]!))));
        if (i % 500 === 499) await writer.flush();
      }
      await writer.flush();
      const reader = await peer(writer, { ...long, l1Bytes: 0 });
      for (let start = 0; start < hashes.length; start += 250) {
        const batch = hashes.slice(start, start + 250);
        const got = await Promise.all(batch.map((hash) => reader.get(hash)));
        got.forEach((entry, j) => {
          const i = start + j;
          if (entry?.original !== corpusText(i, sizes[i]!)) throw new Error(`entry ${i} did not round-trip`);
        });
      }
      expect(Math.max(...sizes)).toBe(5 * 1024 * 1024);
    });

    it('close flushes and is idempotent; afterwards every call fails with STORE_UNAVAILABLE', async () => {
      const store = await h.open({ ttlMs: T });
      const hash = store.put(ccrPut(fresh('closing')));
      await Promise.all([store.close(), store.close()]);
      if (caps.shared) {
        const reader = await open();
        expect(await reader.get(hash)).toBeDefined();
      }
      expect(() => store.put(ccrPut('x'))).toThrow(StoreUnavailableError);
      for (const call of [store.get(hash), store.flush(), store.memoGetMany([]), store.stats()]) {
        await expect(call).rejects.toSatisfy((e: unknown) => isHeadroomError(e, 'STORE_UNAVAILABLE'));
      }
      expect(store.health().ok).toBe(false);
    });
  });
}
