import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineSuite, int, prng } from '@headroom/bench';
import { fieldHash, type JsonValue, structureSignature, valueHash } from '@headroom/core';
import { FileToinBackend, MemoryToinBackend, Toin, type ToinState } from '@headroom/toin';

const quiet = { onWarning: () => undefined };
const ID = 'b'.repeat(16);
const STATUSES = ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'failed', 'voided'];

/** Order rows: an id, a status that is mostly "ok", an amount, a region, a note. */
function rows(n: number, seed: number): JsonValue[] {
  const rand = prng(seed);
  return Array.from({ length: n }, (_, i) => ({
    id: `ord_${seed}_${i}`,
    status: STATUSES[int(rand, 0, STATUSES.length - 1)]!,
    amount: int(rand, 100, 99_999) / 100,
    region: ['north', 'south', 'east', 'west'][int(rand, 0, 3)]!,
    note: `order line ${i} of batch ${seed}`,
  }));
}

const SIGNATURE = structureSignature(rows(5, 1));
const compression = (items?: JsonValue[]) => ({
  signature: SIGNATURE,
  strategy: 'top_n(100->15)',
  tokensBefore: 4200,
  tokensAfter: 900,
  itemsBefore: 100,
  itemsAfter: 15,
  ...(items ? { items } : {}),
});

/** A pattern that has learned something: 30 compressions, 8 searches for failed orders. */
function learned(toin: Toin, signature = SIGNATURE): void {
  for (let i = 0; i < 30; i++) toin.recordCompression({ ...compression(rows(100, i)), signature });
  for (let i = 0; i < 8; i++) {
    const hits = rows(40, 100 + i).filter((r) => (r as { status: string }).status !== 'ok');
    toin.recordRetrieval({
      signature,
      kind: 'search',
      query: `status:failed id=ord_${i}`,
      retrievedItems: hits,
    });
  }
}

/** An export holding `n` copies of one learned pattern under distinct signatures. */
function exportOf(n: number, rich: boolean): ToinState {
  const source = new Toin({}, { instanceId: 'a'.repeat(16), ...quiet });
  if (rich) learned(source);
  else source.recordCompression(compression());
  const one = source.export();
  void source.close();
  const [key, pattern] = Object.entries(one.patterns)[0]!;
  const patterns: ToinState['patterns'] = {};
  for (let i = 0; i < n; i++) patterns[`${key.slice(0, 9)}${i.toString(16).padStart(24, '0')}`] = pattern;
  return { ...one, patterns };
}

/** Heap held by a TOIN with `n` patterns (live state plus the published snapshot), in MB. */
function heapOf(n: number, rich: boolean): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  const data = exportOf(n, rich);
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const toin = new Toin({}, { instanceId: ID, ...quiet });
  toin.import(data);
  toin.publishSnapshot();
  gc?.();
  const after = process.memoryUsage().heapUsed;
  void toin.close();
  return (after - before) / 1e6;
}

const hot = defineSuite(
  {
    name: 'Recording and advice (one learned pattern of order rows)',
    setup: () => {
      const toin = new Toin({}, { instanceId: ID, ...quiet });
      learned(toin);
      toin.publishSnapshot();
      const hint = toin.advise(SIGNATURE, 'status failed');
      if (!hint?.importantValues.length || !hint.preserveFields.length) throw new Error('nothing learned');
      return { toin, items: rows(100, 7), hits: rows(10, 8) };
    },
    teardown: ({ toin }) => toin.close(),
  },
  (s, { toin, items, hits }) => {
    let n = 0;
    s.baseline('one SHA-256 field hash (core fieldHash, a new name each run)', () =>
      fieldHash(`status${n++}`),
    );
    s.add('recordCompression, no items', () => toin.recordCompression(compression()));
    s.add('recordCompression, no items, with a query', () =>
      toin.recordCompression({ ...compression(), query: 'status:failed amount > 20' }),
    );
    s.add('recordCompression, 100 items × 5 fields', () => toin.recordCompression(compression(items)));
    s.add('recordRetrieval, search with a query and 10 items', () =>
      toin.recordRetrieval({
        signature: SIGNATURE,
        kind: 'search',
        query: 'status:failed',
        retrievedItems: hits,
      }),
    );
    s.add('advise, no query', () => toin.advise(SIGNATURE));
    s.add('advise, query naming a learned field ("show all status failed")', () =>
      toin.advise(SIGNATURE, 'show all status failed'),
    );
    s.add('advise, a 10-word question (8 words hashed)', () =>
      toin.advise(SIGNATURE, 'why did order ord_42 of customer cust_9 fail yesterday at noon'),
    );
    const [status, failed] = [fieldHash('status'), valueHash('failed')];
    s.add('isValueImportant (hashes precomputed, as callers do per item)', () =>
      toin.isValueImportant(SIGNATURE, status, failed),
    );
    s.add('pattern', () => toin.pattern(SIGNATURE));
  },
);

const snapshots = defineSuite(
  {
    name: 'publishSnapshot with 10,000 learned patterns',
    setup: () => {
      const heap = { learned: heapOf(10_000, true), plain: heapOf(10_000, false) };
      const toin = new Toin({}, { instanceId: ID, ...quiet });
      const data = exportOf(10_000, true);
      toin.import(data);
      toin.publishSnapshot();
      const signatures = Object.keys(data.patterns).map((k) => k.slice(9));
      if (signatures.length !== 10_000 || !toin.pattern(signatures[0]!)) throw new Error('setup failed');
      const touch = (n: number) => {
        for (let i = 0; i < n; i++) toin.recordDrop({ signature: signatures[i]!, count: 1, tokens: 10 });
      };
      return { toin, touch, heap };
    },
    teardown: ({ toin }) => toin.close(),
    minRuns: 10,
  },
  (s, { toin, touch, heap }) => {
    const mb = (x: number) => `${x.toFixed(1)} MB`;
    s.baseline(
      `record one event on each of the 10,000 patterns, no publish (heap for 10,000: ${mb(heap.learned)} learned, ${mb(heap.plain)} compression-only, snapshot included)`,
      () => touch(10_000),
    );
    s.add('record on all 10,000, then publishSnapshot (every pattern re-derived)', () => {
      touch(10_000);
      toin.publishSnapshot();
    });
    s.add('record on 100, then publishSnapshot (the rest reused)', () => {
      touch(100);
      toin.publishSnapshot();
    });
  },
);

function fileSuite(rich: boolean) {
  return defineSuite(
    {
      name: `FileToinBackend with 10,000 ${rich ? 'learned' : 'compression-only'} patterns (asynchronous, atomic)`,
      setup: () => {
        const dir = mkdtempSync(join(tmpdir(), 'headroom-toin-bench-'));
        const path = join(dir, 'toin.json');
        const backend = new FileToinBackend(path, quiet);
        const toin = new Toin({}, { instanceId: ID, backend: new MemoryToinBackend(), ...quiet });
        toin.import(exportOf(10_000, rich));
        const data = toin.export();
        return { dir, path, backend, data, toin, mb: JSON.stringify(data).length / 1e6 };
      },
      teardown: async ({ dir, toin }) => {
        await toin.close();
        rmSync(dir, { recursive: true, force: true });
      },
      minRuns: 10,
    },
    (s, { path, backend, data, toin, mb }) => {
      s.baseline(`JSON.stringify of the export (${mb.toFixed(1)} MB)`, () => JSON.stringify(data));
      s.add('export() (a deep copy)', () => toin.export());
      s.add('save (write temp, fsync, rename)', async () => {
        await backend.save(data);
        return statSync(path).size;
      });
      s.add('load (read, parse, validate)', () => backend.load());
      s.add('Toin start-up from the file (load, decode, first snapshot)', async () => {
        const toin = new Toin({ backend: 'file', storagePath: path }, { instanceId: ID, ...quiet });
        await toin.ready;
        await toin.close();
      });
    },
  );
}

export default [hot, snapshots, fileSuite(true), fileSuite(false)];
