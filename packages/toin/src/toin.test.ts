import { contentSignature, fieldHash, valueHash } from '@headroom/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryToinBackend } from './backend-memory.js';
import { compress, ORDER_SIGNATURE, type TestToin, testToin } from './test-utils/workload.js';
import { Toin } from './toin.js';

let t: TestToin;
afterEach(async () => {
  vi.useRealTimers();
  await t?.toin.close();
});

function errorWorkload(toin: Toin, tenant?: string) {
  compress(toin, 12, tenant === undefined ? {} : { tenant });
  for (let i = 0; i < 4; i++)
    toin.recordRetrieval({
      signature: ORDER_SIGNATURE,
      kind: 'search',
      query: 'status:failed',
      retrievedItems: [{ id: `x${i}`, status: 'failed' }],
      ...(tenant === undefined ? {} : { tenant }),
    });
}

describe('Toin', () => {
  it('reads only see published snapshots: advice changes at the interval, not per event', async () => {
    vi.useFakeTimers();
    t = testToin({ snapshotIntervalSeconds: 60 });
    await t.toin.ready;
    compress(t.toin, 10);
    expect(t.toin.advise(ORDER_SIGNATURE)).toBeUndefined();
    vi.advanceTimersByTime(59_000);
    expect(t.toin.advise(ORDER_SIGNATURE)).toBeUndefined();
    vi.advanceTimersByTime(1_000);
    const first = t.toin.advise(ORDER_SIGNATURE);
    expect(first).toMatchObject({ reason: 'low retrieval rate' });
    for (let i = 0; i < 8; i++) t.toin.recordRetrieval({ signature: ORDER_SIGNATURE, kind: 'full' });
    expect(t.toin.advise(ORDER_SIGNATURE)).toEqual(first);
    vi.advanceTimersByTime(60_000);
    expect(t.toin.advise(ORDER_SIGNATURE)).toMatchObject({ skip: true });
  });

  it('reads are pure: advise, pattern and isValueImportant leave the export byte-identical', () => {
    t = testToin();
    errorWorkload(t.toin);
    t.toin.publishSnapshot();
    const before = JSON.stringify(t.toin.export());
    for (let i = 0; i < 50; i++) {
      t.toin.advise(ORDER_SIGNATURE, `show all status:failed orders ${i}`);
      t.toin.pattern(ORDER_SIGNATURE);
      t.toin.isValueImportant(ORDER_SIGNATURE, fieldHash('status'), valueHash('failed'));
      t.toin.advise('f'.repeat(24), 'x');
    }
    expect(JSON.stringify(t.toin.export())).toBe(before);
    expect(t.toin.stats().unsaved).toBe(true);
  });

  it('one signature under two tenants: two independent patterns', () => {
    t = testToin();
    errorWorkload(t.toin, 'acme');
    compress(t.toin, 10, { tenant: 'globex' });
    t.toin.publishSnapshot();
    expect(t.toin.pattern(ORDER_SIGNATURE, 'acme')).toMatchObject({ compressions: 12, retrievals: 4 });
    expect(t.toin.pattern(ORDER_SIGNATURE, 'globex')).toMatchObject({ compressions: 10, retrievals: 0 });
    expect(t.toin.pattern(ORDER_SIGNATURE)).toBeUndefined();
    const status = fieldHash('status');
    expect(t.toin.isValueImportant(ORDER_SIGNATURE, status, valueHash('failed'), 'acme')).toBe(true);
    expect(t.toin.isValueImportant(ORDER_SIGNATURE, status, valueHash('failed'), 'globex')).toBe(false);
    expect(JSON.stringify(t.toin.export())).not.toMatch(/acme|globex/);
  });

  it('the configured tenant is the default one', () => {
    t = testToin({ tenant: 'acme' });
    compress(t.toin, 10);
    t.toin.publishSnapshot();
    expect(t.toin.pattern(ORDER_SIGNATURE)?.compressions).toBe(10);
    expect(t.toin.pattern(ORDER_SIGNATURE, 'acme')?.compressions).toBe(10);
  });

  it('content signatures are stable and shared by every output of one strategy and language', () => {
    t = testToin();
    const python = contentSignature('code_aware', 'python');
    expect(python).toBe(contentSignature('code_aware', 'python'));
    expect(python).toMatch(/^[0-9a-f]{24}$/);
    expect(python).not.toBe(contentSignature('code_aware', 'go'));
    for (const tokens of [1200, 800, 5000])
      t.toin.recordCompression({
        signature: python,
        strategy: 'code_aware',
        tokensBefore: tokens,
        tokensAfter: tokens / 4,
      });
    t.toin.publishSnapshot();
    expect(t.toin.pattern(python)?.compressions).toBe(3);
    expect(t.toin.stats().patterns).toBe(1);
  });

  it('enabled: false records nothing and advises nothing', async () => {
    t = testToin({ enabled: false });
    await t.toin.ready;
    errorWorkload(t.toin);
    t.toin.recordDrop({ signature: ORDER_SIGNATURE, count: 3, tokens: 100 });
    t.toin.publishSnapshot();
    expect(t.toin.advise(ORDER_SIGNATURE)).toBeUndefined();
    expect(t.toin.pattern(ORDER_SIGNATURE)).toBeUndefined();
    expect(t.toin.stats()).toMatchObject({ enabled: false, patterns: 0, recorded: { compressions: 0 } });
    expect(Object.keys(t.toin.export().patterns)).toHaveLength(0);
  });

  it('an eviction without retrieval is a success signal, never a retrieval', () => {
    t = testToin();
    compress(t.toin, 10);
    t.toin.recordEviction({ signature: ORDER_SIGNATURE, retrieved: false });
    t.toin.recordEviction({ signature: ORDER_SIGNATURE, retrieved: true });
    t.toin.recordEviction({ signature: 'a'.repeat(24), retrieved: false });
    t.toin.publishSnapshot();
    expect(t.toin.pattern(ORDER_SIGNATURE)).toMatchObject({ retrievals: 0, evictedUnretrieved: 1 });
    // An eviction of a signature TOIN never saw creates nothing.
    expect(t.toin.stats().patterns).toBe(1);
  });

  it('context drops are recorded under their own signature and count as samples', () => {
    t = testToin();
    for (let i = 0; i < 10; i++) t.toin.recordDrop({ signature: 'd'.repeat(24), count: 2, tokens: 500 });
    t.toin.recordRetrieval({ signature: 'd'.repeat(24), kind: 'full' });
    t.toin.publishSnapshot();
    expect(t.toin.pattern('d'.repeat(24))).toMatchObject({
      compressions: 0,
      retrievals: 1,
      retrievalRate: 0.1,
    });
  });

  it('malformed events never throw and teach nothing', () => {
    t = testToin();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const bad = [
      { signature: '', strategy: 'x', tokensBefore: 1, tokensAfter: 1 },
      {
        signature: ORDER_SIGNATURE,
        strategy: 'x',
        tokensBefore: Number.NaN,
        tokensAfter: -5,
        itemsBefore: 0,
      },
      { signature: ORDER_SIGNATURE, strategy: 'x', tokensBefore: 1, tokensAfter: 1, items: [cyclic] },
      null,
      { signature: 42 },
    ];
    for (const e of bad) expect(() => t.toin.recordCompression(e as never)).not.toThrow();
    expect(() =>
      t.toin.recordRetrieval({ signature: ORDER_SIGNATURE, kind: 'search', query: '((( "' }),
    ).not.toThrow();
    expect(() => t.toin.advise(undefined as never)).not.toThrow();
    t.toin.publishSnapshot();
    expect(() => t.toin.advise(ORDER_SIGNATURE, 42 as never)).not.toThrow();
    expect(() => t.toin.isValueImportant(ORDER_SIGNATURE, 'x', 'y', 'tenant')).not.toThrow();
  });

  it('non-hex signatures (a tool name, say) are hashed before they are stored', () => {
    t = testToin();
    compress(t.toin, 1);
    t.toin.recordCompression({
      signature: 'github_search_issues',
      strategy: 'Weird Strategy!',
      tokensBefore: 5,
      tokensAfter: 1,
    });
    t.toin.publishSnapshot();
    expect(t.toin.pattern('github_search_issues')?.compressions).toBe(1);
    const text = JSON.stringify(t.toin.export());
    expect(text).not.toContain('github_search_issues');
    expect(text).not.toContain('Weird Strategy');
  });

  it('flush saves only when something changed; close stops the timers and saves', async () => {
    const backend = new MemoryToinBackend();
    t = testToin({}, { backend });
    await t.toin.flush();
    expect(backend.saves).toBe(0);
    // Events that teach nothing (no signature, an eviction of an unknown one) change nothing.
    t.toin.recordEviction({ signature: 'a'.repeat(24), retrieved: false });
    t.toin.recordDrop({ signature: '', count: 1, tokens: 1 });
    await t.toin.flush();
    expect(backend.saves).toBe(0);
    compress(t.toin, 2);
    await t.toin.flush();
    expect(backend.saves).toBe(1);
    await t.toin.flush();
    expect(backend.saves).toBe(1);
    compress(t.toin, 1);
    await t.toin.close();
    expect(backend.saves).toBe(2);
    expect((await backend.load())?.patterns).toHaveProperty(Object.keys(t.toin.export().patterns)[0]!);
  });

  it('concurrent flushes both return only after the state is saved', async () => {
    let release: () => void = () => undefined;
    const saved: number[] = [];
    const backend = {
      load: async () => undefined,
      save: (d: { patterns: object }) =>
        new Promise<void>((resolve) => {
          release = () => {
            saved.push(Object.keys(d.patterns).length);
            resolve();
          };
        }),
    };
    t = testToin({}, { backend });
    compress(t.toin, 1);
    const first = t.toin.flush();
    await new Promise((r) => setImmediate(r));
    let secondDone = false;
    const second = t.toin.flush().then(() => {
      secondDone = true;
    });
    await new Promise((r) => setImmediate(r));
    expect(secondDone).toBe(false);
    release();
    await Promise.all([first, second]);
    expect(saved).toEqual([1]);
  });

  it('autosaves when dirty, on its interval', async () => {
    vi.useFakeTimers();
    const backend = new MemoryToinBackend();
    t = testToin({ autoSaveIntervalSeconds: 30 }, { backend });
    await t.toin.ready;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(backend.saves).toBe(0);
    compress(t.toin, 1);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(backend.saves).toBe(1);
    await vi.advanceTimersByTimeAsync(90_000);
    expect(backend.saves).toBe(1);
  });

  it('a failing backend is a warning and a retry, never a rejection', async () => {
    let fail = true;
    const backend = {
      load: async () => {
        throw new Error('disk on fire');
      },
      save: async () => {
        if (fail) throw new Error('disk full');
      },
    };
    t = testToin({}, { backend });
    await t.toin.ready;
    compress(t.toin, 1);
    await expect(t.toin.flush()).resolves.toBeUndefined();
    expect(t.toin.stats()).toMatchObject({ unsaved: true, lastSaveError: 'disk full' });
    expect(t.warnings.map((w) => w.code)).toEqual(['load_failed', 'save_failed']);
    fail = false;
    await t.toin.flush();
    expect(t.toin.stats().unsaved).toBe(false);
    expect(t.toin.stats().lastSaveError).toBeUndefined();
  });

  it('an invalid config is refused at construction', () => {
    expect(() => new Toin({ maxPatterns: 0 })).toThrow(/maxPatterns/);
  });
});
