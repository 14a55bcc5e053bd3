import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CcrPut, type CcrStore, MemoryCcrStore } from '@headroom/core';
import { openStore } from '../src/index.js';
import { startRedisServer } from '../src/testing/redis-server.js';

export interface BenchStore {
  name: string;
  store: CcrStore;
}

export const SIZES = [
  { label: '1 KB', bytes: 1_000 },
  { label: '100 KB', bytes: 100_000 },
  { label: '1 MB', bytes: 1_000_000 },
] as const;

const quiet = { warn: () => {}, info: () => {} };

/** A text of `bytes` bytes, made unique by `n` without copying the body (hashing flattens it). */
export function entry(body: string, n: number): CcrPut {
  return { original: `${n}|${body}`, kind: 'json', strategy: 'bench', unit: 'rows', omitted: 1, total: 2 };
}

/** A realistic tool output body: JSON rows with a few non-ASCII characters. */
export function body(bytes: number): string {
  const row = '{"id":12345,"status":"ok","name":"Zoë","latency_ms":41.7,"path":"/v1/items/12345"},';
  return `[${row.repeat(Math.ceil(bytes / row.length))}`.slice(0, bytes - 1).concat(']');
}

/**
 * core's `MemoryCcrStore` (the reference), and this package's memory, sqlite (a temp file) and
 * redis (its own `redis-server` on a free loopback port, started here and killed by `close`).
 */
export async function openBenchStores(): Promise<{ stores: BenchStore[]; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-store-bench-'));
  const redis = await startRedisServer(['--maxmemory', '2gb', '--maxmemory-policy', 'volatile-lru']);
  const opts = { home: dir, logger: quiet };
  const ours = [
    { name: 'memory', store: await openStore('memory', opts) },
    { name: 'sqlite', store: await openStore(`sqlite:${join(dir, 'bench.db')}`, opts) },
    { name: 'redis', store: await openStore(redis.url, opts) },
  ];
  for (const { name, store } of ours) {
    if (!store.health().ok) throw new Error(`${name} store is not up: ${store.health().lastError}`);
  }
  return {
    stores: [{ name: 'core MemoryCcrStore', store: new MemoryCcrStore() }, ...ours],
    close: async () => {
      await Promise.all(ours.map(({ store }) => store.close()));
      await redis.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
