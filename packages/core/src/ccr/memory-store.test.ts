import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HeadroomError } from '../errors.js';
import { contentHash, fullDigest } from '../hash.js';
import { MemoryCcrStore } from './memory-store.js';
import type { CcrPut, EvictionEvent, RetrievalEvent } from './store.js';

const entry = (original: string, extra: Partial<CcrPut> = {}): CcrPut => ({
  original,
  kind: 'text',
  strategy: 'test',
  unit: 'lines',
  omitted: 1,
  total: 2,
  ...extra,
});

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('MemoryCcrStore', () => {
  it('stores the exact original under its content hash', async () => {
    const store = new MemoryCcrStore();
    const original = '{"a": 1,   "b": [1e2, 12345678901234567890]}\n';
    const hash = store.put(entry(original));
    expect(hash).toBe(contentHash(original));
    const got = await store.get(hash);
    expect(got?.original).toBe(original);
    expect(got).toMatchObject({ retrievalCount: 1, bytes: Buffer.byteLength(original) });
  });

  it("takes a caller's digest instead of hashing again; the bytes still decide a collision", async () => {
    const store = new MemoryCcrStore();
    const a = '{"rows": [1, 2, 3]}';
    const b = '{"rows": [4, 5, 6]}';
    const hash = store.put(entry(a, { digest: fullDigest(a) }));
    expect(hash).toBe(contentHash(a));
    expect((await store.get(hash))?.digest).toBe(fullDigest(a));
    // Same bytes, digest given or not: one entry, refreshed.
    expect(store.put(entry(a))).toBe(hash);
    expect(store.put(entry(a, { digest: fullDigest(a) }))).toBe(hash);
    // A wrong digest that lands on a stored entry is checked against the bytes: no false collision.
    expect(store.put(entry(b, { digest: fullDigest(a) }))).toBe(contentHash(b));
    expect((await store.get(contentHash(b)))?.original).toBe(b);
    expect((await store.get(hash))?.original).toBe(a);
    // Anything not shaped like a SHA-256 hex digest is ignored.
    expect(store.put(entry(b, { digest: 'not-a-digest' }))).toBe(contentHash(b));
    expect((await store.stats()).entries).toBe(2);
  });

  it('slides the TTL on every access, then expires (fake clock)', async () => {
    const c = clock();
    const store = new MemoryCcrStore({ ttlSeconds: 60 }, { now: c.now });
    const hash = store.put(entry('x'));
    c.advance(59_000);
    store.touch(hash);
    c.advance(59_000);
    expect(await store.get(hash)).toBeDefined();
    c.advance(59_999);
    expect(await store.search(hash, 'x')).toBeDefined();
    c.advance(60_000);
    expect(await store.get(hash)).toBeUndefined();
    expect((await store.stats()).expirations).toBe(1);
  });

  it('evicts the least recently used entry by bytes', async () => {
    const evictions: EvictionEvent[] = [];
    const store = new MemoryCcrStore({ maxBytes: 25 });
    store.on('eviction', (e) => evictions.push(e));
    const a = store.put(entry('a'.repeat(10)));
    const b = store.put(entry('b'.repeat(10)));
    await store.get(a);
    store.put(entry('c'.repeat(10)));
    expect(await store.get(b)).toBeUndefined();
    expect(await store.get(a)).toBeDefined();
    expect(evictions).toHaveLength(1);
    expect(evictions[0]).toMatchObject({ hash: b, reason: 'capacity', retrieved: false });
    expect(evictions[0]!.entry).not.toHaveProperty('original');
  });

  it('evicts by entry count and reports retrieved entries as retrieved', async () => {
    const evictions: EvictionEvent[] = [];
    const store = new MemoryCcrStore({ maxEntries: 1 });
    store.on('eviction', (e) => evictions.push(e));
    const a = store.put(entry('first'));
    await store.get(a);
    store.put(entry('second'));
    expect(evictions[0]).toMatchObject({ hash: a, retrieved: true });
  });

  it('emits retrieval events with metadata, and a throwing listener breaks nothing', async () => {
    const store = new MemoryCcrStore();
    const events: RetrievalEvent[] = [];
    store.on('retrieval', () => {
      throw new Error('listener bug');
    });
    const off = store.on('retrieval', (e) => events.push(e));
    const hash = store.put(entry('line one\nline two', { toolName: 'Bash', signature: 'sig' }));
    await store.get(hash);
    await store.search(hash, 'two');
    off();
    await store.get(hash);
    expect(events.map((e) => e.kind)).toEqual(['full', 'search']);
    expect(events[1]).toMatchObject({
      query: 'two',
      entry: { toolName: 'Bash', signature: 'sig', retrievalCount: 2 },
    });
  });

  it('a JSON search event carries the items it returned (TOIN learns retrieved values)', async () => {
    const store = new MemoryCcrStore();
    const events: RetrievalEvent[] = [];
    store.on('retrieval', (e) => events.push(e));
    const items = [
      { id: 1, status: 'ok' },
      { id: 2, status: 'failed' },
      { id: 3, status: 'ok' },
    ];
    const hash = store.put(entry(JSON.stringify(items), { kind: 'json' }));
    await store.search(hash, 'failed');
    expect(events[0]!.retrievedItems).toEqual([{ id: 2, status: 'failed' }]);
  });

  it('refreshes on re-put and rejects a different original under the same hash', () => {
    const store = new MemoryCcrStore();
    const hash = store.put(entry('same'));
    expect(store.put(entry('same'))).toBe(hash);
    const forged = store as unknown as { entries: Map<string, { digest: string }> };
    forged.entries.get(hash)!.digest = 'f'.repeat(64);
    expect(() => store.put(entry('same'))).toThrow(HeadroomError);
  });

  it('searches JSON items by value and text by line', async () => {
    const store = new MemoryCcrStore();
    const items = Array.from({ length: 30 }, (_, i) => ({
      id: `req-${i}`,
      status: i === 17 ? 'timeout' : 'ok',
    }));
    const jsonHash = store.put(entry(JSON.stringify({ results: items }), { kind: 'json' }));
    const json = await store.search(jsonHash, 'which one had a timeout');
    expect(json).toMatchObject({ mode: 'json-items', documents: 30 });
    expect(json!.matches[0]).toMatchObject({
      path: '$.results[17]',
      text: '{"id":"req-17","status":"timeout"}',
      score: 1,
    });

    const log = ['boot ok', 'connecting to db', 'db connection refused', 'retrying', 'done'].join('\n');
    const textHash = store.put(entry(log, { kind: 'log' }));
    const text = await store.search(textHash, 'refused');
    expect(text!.matches).toEqual([
      { score: 1, line: 3, text: 'db connection refused', before: 'connecting to db', after: 'retrying' },
    ]);
    expect(await store.search('0'.repeat(24), 'x')).toBeUndefined();
  });

  it('keeps every put retrievable byte-identically until expiry (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.record({
              op: fc.constant('put' as const),
              text: fc.string({ unit: 'grapheme', maxLength: 50 }),
            }),
            fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 90_000 }) }),
          ),
          { maxLength: 30 },
        ),
        async (ops) => {
          const c = clock();
          const store = new MemoryCcrStore({ ttlSeconds: 60 }, { now: c.now });
          const lastAccess = new Map<string, { text: string; at: number }>();
          for (const op of ops) {
            if (op.op === 'advance') {
              c.advance(op.ms);
              continue;
            }
            const hash = store.put(entry(op.text));
            expect(hash).toBe(contentHash(op.text));
            lastAccess.set(hash, { text: op.text, at: c.now() });
          }
          for (const [hash, { text, at }] of lastAccess) {
            const got = await store.get(hash);
            if (c.now() - at < 60_000) expect(got?.original).toBe(text);
            else expect(got).toBeUndefined();
          }
        },
      ),
    );
  });
});
