import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EvictionEvent, isHeadroomError } from '@headroom/core';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openStore } from './open-store.js';
import type { StoreOptionsInput } from './options.js';
import { spawnWriter } from './test-utils/spawn-writer.js';
import { ccrPut, describeStoreContract } from './testing/contract.js';
import { corpusText } from './testing/corpus.js';
import { collectingLogger, fakeClock, flipByte } from './testing/helpers.js';
import type { HeadroomStore, MemoEntry } from './types.js';

const root = mkdtempSync(join(tmpdir(), 'headroom-store-sqlite-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const tempDir = () => mkdtempSync(join(root, `t${++n}-`));

/** Runs `fn` on a second, raw connection to the file: what another process or a bad disk would do. */
function raw<T>(path: string, fn: (db: Database.Database) => T): T {
  const db = new Database(path);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

describeStoreContract('sqlite', { shared: true, fakeClock: true, tamper: true }, async () => {
  const dir = tempDir();
  const path = join(dir, 'contract.db');
  const clock = fakeClock();
  return {
    open: (opts) =>
      openStore(`sqlite:${path}`, { home: dir, ...opts, now: clock.now, logger: collectingLogger() }),
    advance: async (ms) => clock.advance(ms),
    forgeDigest: async (hash) => {
      raw(path, (db) =>
        db.prepare('UPDATE ccr SET digest = ? WHERE hash = ?').run(`${hash}${'f'.repeat(40)}`, hash),
      );
    },
    corruptOriginal: async (hash) =>
      raw(path, (db) => {
        const { original } = db.prepare('SELECT original FROM ccr_blob WHERE hash = ?').get(hash) as {
          original: Buffer;
        };
        flipByte(original);
        db.prepare('UPDATE ccr_blob SET original = ? WHERE hash = ?').run(original, hash);
      }),
    cleanup: async () => {},
  };
});

const memo = (output: string, ccrRefs: string[]): MemoEntry => ({
  output,
  ccrRefs,
  tokensBefore: 10,
  tokensAfter: 2,
  strategy: 'test',
  createdAt: 1,
});

describe('sqlite store', () => {
  const stores: HeadroomStore[] = [];
  const open = async (path: string, opts: StoreOptionsInput = {}) => {
    const store = await openStore(`sqlite:${path}`, { home: root, logger: collectingLogger(), ...opts });
    stores.push(store);
    return store;
  };
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
  });

  it('creates its directory 0700 and file 0600, and leaves no WAL file after close', async () => {
    const path = join(tempDir(), 'private', 'store.db');
    const store = await open(path);
    store.put(ccrPut('secret tool output'));
    await store.flush();
    expect(existsSync(`${path}-wal`)).toBe(true);
    await store.close();
    expect(statSync(join(path, '..')).mode & 0o777).toBe(0o700);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('survives a restart: what one process wrote, another reads after it exited', {
    timeout: 60_000,
  }, async () => {
    const dir = tempDir();
    const path = join(dir, 'store.db');
    const hashes = await spawnWriter({
      url: `sqlite:${path}`,
      home: dir,
      label: 'restart',
      count: 50,
      bytes: 20_000,
      flushEvery: 7,
    });
    const store = await open(path, { home: dir, role: 'cli' });
    for (const [i, hash] of hashes.entries()) {
      expect((await store.get(hash))?.original).toBe(`restart ${i} ${corpusText(i, 20_000)}`);
    }
    const key = `${Buffer.from('restart').toString('hex')}${'0'.repeat(8)}`;
    expect((await store.memoGetMany([key])).get(key)).toMatchObject({
      entry: { output: 'memo of 0' },
      missingRefs: [],
    });
    expect((await store.ledger.read({ days: 1 })).lifetime.requests).toBe(50);
    expect(await store.toin.load()).toMatchObject({ patterns: { restart: 1 } });
  });

  it('two processes writing at once: no SQLITE_BUSY surfaces and every entry is readable', {
    timeout: 60_000,
  }, async () => {
    const dir = tempDir();
    const path = join(dir, 'store.db');
    const writers = ['alpha', 'beta'].map((label) =>
      spawnWriter({
        url: `sqlite:${path}`,
        home: join(dir, label),
        label,
        count: 1000,
        bytes: 300,
        flushEvery: 10,
      }),
    );
    const [alpha, beta] = await Promise.all(writers);
    const store = await open(path);
    const all = [...alpha!, ...beta!];
    expect(new Set(all).size).toBe(2000);
    const got = await Promise.all(all.map((h) => store.get(h)));
    expect(got.every((e) => e !== undefined)).toBe(true);
    const keys = ['alpha', 'beta'].flatMap((label) =>
      Array.from(
        { length: 1000 },
        (_, i) => `${Buffer.from(label).toString('hex')}${i.toString(16).padStart(8, '0')}`,
      ),
    );
    expect((await store.memoGetMany(keys)).size).toBe(2000);
    expect((await store.toin.listExports()).length).toBe(2);
    expect((await store.ledger.read({ days: 1 })).lifetime.requests).toBe(2000);
  });

  it('evicts down to 90 % of maxBytes in LRU order, across originals and memo outputs', async () => {
    const clock = fakeClock();
    const path = join(tempDir(), 'store.db');
    const store = await open(path, { sqlite: { maxBytes: 10_000 }, now: clock.now });
    const evictions: EvictionEvent[] = [];
    store.on('eviction', (e) => evictions.push(e));
    const hashes: string[] = [];
    for (let i = 0; i < 8; i++) {
      hashes.push(store.put(ccrPut(`${i}`.padEnd(1000, '.'))));
      await store.flush();
      clock.advance(10);
    }
    await store.memoPut('aa', memo('m'.repeat(1000), [hashes[1]!]));
    clock.advance(10);
    await store.get(hashes[0]!); // entry 0 becomes the most recent
    clock.advance(10);
    store.put(ccrPut('x'.repeat(1500))); // 10,500 bytes in all: over the cap
    await store.flush();
    await store.sweep();
    // Down to ≤ 9,000: entries 1, 2 go (the oldest), in that order; 0 was read, memo 'aa' is newer.
    expect(evictions.map((e) => [e.hash, e.reason, e.retrieved])).toEqual([
      [hashes[1], 'capacity', false],
      [hashes[2], 'capacity', false],
    ]);
    expect(await store.get(hashes[0]!)).toBeDefined();
    expect((await store.memoGetMany(['aa'])).get('aa')?.missingRefs).toEqual([hashes[1]]);
    const { value } = raw(path, (db) =>
      db.prepare(`SELECT value FROM meta WHERE key = 'total_bytes'`).get(),
    ) as {
      value: number;
    };
    expect(value).toBe(8500);
    expect((await store.stats()).evictions).toBe(2);
  });

  it('sweeps expired rows, reporting them as expired', async () => {
    const clock = fakeClock();
    const path = join(tempDir(), 'store.db');
    const store = await open(path, { ttlMs: 1000, now: clock.now });
    const evictions: EvictionEvent[] = [];
    store.on('eviction', (e) => evictions.push(e));
    const hashes = Array.from({ length: 600 }, (_, i) => store.put(ccrPut(`expiring ${i}`)));
    await store.memoPut('bb', memo('expiring memo', []));
    await store.flush();
    clock.advance(1000);
    await store.sweep();
    expect(evictions).toHaveLength(600);
    expect(evictions.every((e) => e.reason === 'expired' && !e.retrieved)).toBe(true);
    expect(new Set(evictions.map((e) => e.hash))).toEqual(new Set(hashes));
    const counts = raw(path, (db) =>
      db.prepare('SELECT (SELECT count(*) FROM ccr) c, (SELECT count(*) FROM memo) m').get(),
    );
    expect(counts).toEqual({ c: 0, m: 0 });
  });

  it('moves a garbage file aside and starts fresh', async () => {
    const dir = tempDir();
    const path = join(dir, 'store.db');
    writeFileSync(path, 'this is not a database '.repeat(400));
    const logger = collectingLogger();
    const store = await open(path, { logger });
    expect(store.health().ok).toBe(true);
    const hash = store.put(ccrPut('after recovery'));
    await store.flush();
    expect((await store.get(hash))?.original).toBe('after recovery');
    expect(readdirSync(dir).some((f) => /^store\.db\.corrupt-\d+$/.test(f))).toBe(true);
    expect(logger.lines.join('\n')).toMatch(/not a usable database \(SQLITE_NOTADB\)/);
  });

  it('starts down when the file cannot be opened, fails fast, and recovers on its own', async () => {
    const dir = tempDir();
    const blocker = join(dir, 'blocker');
    writeFileSync(blocker, 'a file where the directory should be');
    const logger = collectingLogger();
    const store = await open(join(blocker, 'store.db'), { logger, probeIntervalMs: 50 });
    expect(store.health()).toMatchObject({ ok: false, state: 'down' });
    expect(() => store.put(ccrPut('x'))).toThrow(expect.objectContaining({ code: 'STORE_UNAVAILABLE' }));
    await expect(store.flush()).rejects.toSatisfy((e: unknown) => isHeadroomError(e, 'STORE_UNAVAILABLE'));
    await expect(store.get('0'.repeat(24))).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect((await store.memoGetMany(['aa'])).size).toBe(0);
    expect(store.metrics()).toMatchObject({ up: 0, state: 'down', outages: 1 });
    expect(logger.lines.join('\n')).toMatch(
      /blocker\/store\.db is down \(.*blocker.*\); lossy compression is off/,
    );
    rmSync(blocker);
    await vi.waitFor(() => expect(store.health().ok).toBe(true), { timeout: 5000 });
    const hash = store.put(ccrPut('written after recovery'));
    await store.flush();
    expect((await store.get(hash))?.original).toBe('written after recovery');
    expect(logger.lines.at(-1)).toMatch(/is up again/);
  });

  it('starts down, without hanging, where the directory cannot be created (procfs)', async () => {
    // Node's recursive mkdir loops forever on /proc/<missing>/…; the store must just report it.
    const store = await open('/proc/headroom-missing/store.db', { probeIntervalMs: 60_000 });
    expect(store.health()).toMatchObject({ ok: false, state: 'down' });
  });

  it('throttles refreshes of a hot key to one per refreshIntervalMs', async () => {
    const clock = fakeClock();
    const path = join(tempDir(), 'store.db');
    const store = await open(path, { refreshIntervalMs: 60_000, now: clock.now });
    const lastAccess = (hash: string) =>
      (
        raw(path, (db) => db.prepare('SELECT last_access_at a FROM ccr WHERE hash = ?').get(hash)) as {
          a: number;
        }
      ).a;
    const hash = store.put(ccrPut('hot'));
    await store.flush();
    const written = lastAccess(hash);
    clock.advance(30_000);
    store.put(ccrPut('hot'));
    store.touch(hash);
    expect(await store.touchMany([hash])).toEqual([]);
    await store.flush();
    expect(lastAccess(hash)).toBe(written);
    clock.advance(31_000);
    store.put(ccrPut('hot'));
    await store.flush();
    expect(lastAccess(hash)).toBe(written + 61_000);
  });

  it('puts back an original the file lost while the L1 still holds it', async () => {
    const path = join(tempDir(), 'store.db');
    const store = await open(path, { refreshIntervalMs: 0 });
    const hash = store.put(ccrPut('lost behind our back'));
    await store.flush();
    raw(path, (db) => db.prepare('DELETE FROM ccr WHERE hash = ?').run(hash));
    expect(await store.touchMany([hash])).toEqual([]);
    expect(raw(path, (db) => db.prepare('SELECT count(*) c FROM ccr_blob WHERE hash = ?').get(hash))).toEqual(
      { c: 1 },
    );
  });

  it('meets the event-loop budgets on a warm store (p50 over 200 operations)', async () => {
    const path = join(tempDir(), 'store.db');
    const store = await open(path);
    // better-sqlite3 runs on the event loop, so the budget is the CPU time an operation takes there;
    // measuring CPU time rather than wall time keeps other processes on a shared CI machine out of it.
    const p50 = async (fn: (i: number) => unknown) => {
      const samples: number[] = [];
      for (let i = 0; i < 200; i++) {
        const t0 = process.cpuUsage();
        await fn(i);
        const { user, system } = process.cpuUsage(t0);
        samples.push((user + system) / 1000);
      }
      return samples.sort((a, b) => a - b)[100]!;
    };
    const body = 'x'.repeat(100_000);
    const hashes: string[] = [];
    const putMs = await p50(async (i) => {
      hashes.push(store.put(ccrPut(`${i} ${body}`)));
      await store.flush();
    });
    const keys = Array.from({ length: 50 }, (_, i) => `cafe${i.toString(16)}`);
    for (const [i, key] of keys.entries()) await store.memoPut(key, memo(`output ${i}`, [hashes[i]!]));
    const reader = await open(path, { l1Bytes: 0 });
    const memoMs = await p50(() => reader.memoGetMany(keys));
    const small = hashes.map((_, i) => store.put(ccrPut(`small ${i}`)));
    await store.flush();
    const getMs = await p50((i) => reader.get(small[i]!));
    // store.md's budgets, with 2× headroom for a slower CI CPU.
    expect(putMs, `queued put of 100 KB + flush, p50 ${putMs} ms`).toBeLessThan(2);
    expect(memoMs, `memoGetMany of 50 keys, p50 ${memoMs} ms`).toBeLessThan(2);
    expect(getMs, `get, p50 ${getMs} ms`).toBeLessThan(0.4);
  });
});
