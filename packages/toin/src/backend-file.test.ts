import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fieldHash, valueHash } from '@headroom/core';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FileToinBackend } from './backend-file.js';
import type { ToinState } from './codec.js';
import { compress, ORDER_SIGNATURE, orders } from './test-utils/workload.js';
import { Toin } from './toin.js';
import type { ToinWarning } from './warnings.js';

const roots: string[] = [];
let dir: string;
let path: string;
let warnings: ToinWarning[];
const onWarning = (w: ToinWarning) => warnings.push(w);

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'headroom-toin-file-'));
  roots.push(dir);
  path = join(dir, 'nested', 'toin.json');
  warnings = [];
});
afterEach(() => {
  vi.useRealTimers();
});
afterAll(async () => {
  await Promise.all(roots.map((d) => rm(d, { recursive: true, force: true })));
});

const state = (n: number): ToinState => ({
  version: 1,
  exportedAt: n,
  instanceId: '0'.repeat(16),
  patterns: {},
});

function learn(toin: Toin) {
  compress(toin, 12);
  for (let i = 0; i < 4; i++)
    toin.recordRetrieval({
      signature: ORDER_SIGNATURE,
      kind: 'search',
      query: `status:failed id=ord_${i}`,
      retrievedItems: orders(20, 40 + i, { failRate: 1 }),
    });
}

const fileToin = (extra = {}) =>
  new Toin({ backend: 'file', storagePath: path, ...extra }, { onWarning, now: () => 5_000 });

describe('FileToinBackend', () => {
  it('saves atomically: a complete file, owner-only, and no temp file left behind', async () => {
    const backend = new FileToinBackend(path, { onWarning });
    expect(await backend.load()).toBeUndefined();
    await backend.save(state(1));
    expect(await backend.load()).toEqual(state(1));
    expect(await readdir(join(dir, 'nested'))).toEqual(['toin.json']);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(warnings).toEqual([]);
  });

  it.each([
    ['truncated', (text: string) => text.slice(0, text.length / 2)],
    ['garbage', () => '\u0000\u0001not json'],
    ['empty', () => ''],
    ['wrong shape', () => JSON.stringify({ version: 1, patterns: 'x' })],
  ])('a %s file is moved aside as .corrupt-<ms> with a warning, and TOIN starts empty', async (_, spoil) => {
    const first = fileToin();
    learn(first);
    await first.close();
    const good = await readFile(path, 'utf8');
    await writeFile(path, spoil(good));
    const second = fileToin();
    await second.ready;
    expect(second.stats().patterns).toBe(0);
    expect(warnings.map((w) => w.code)).toEqual(['corrupt_state']);
    expect(existsSync(`${path}.corrupt-5000`)).toBe(true);
    expect(existsSync(path)).toBe(false);
    compress(second, 1);
    await second.close();
    expect(JSON.parse(await readFile(path, 'utf8')).version).toBe(1);
  });

  it('a pattern that is not hashes and numbers is skipped with a warning; the rest loads', async () => {
    const first = fileToin();
    learn(first);
    await first.close();
    const good = await readFile(path, 'utf8');
    await writeFile(path, good.replace('"patterns":{', '"patterns":{"my raw key":{"compressions":1},'));
    const second = fileToin();
    await second.ready;
    expect(second.pattern(ORDER_SIGNATURE)?.compressions).toBe(12);
    expect(warnings.map((w) => w.code)).toEqual(['invalid_patterns']);
    await second.close();
  });

  it('a file from a newer version is left untouched and never saved over', async () => {
    const newer = JSON.stringify({
      version: 7,
      exportedAt: 1,
      instanceId: 'a'.repeat(16),
      patterns: {},
      future: true,
    });
    await rm(join(dir, 'nested'), { recursive: true, force: true });
    const backend = new FileToinBackend(path, { onWarning });
    await backend.save(state(1));
    await writeFile(path, newer);
    const toin = fileToin();
    await toin.ready;
    compress(toin, 3);
    await toin.close();
    expect(await readFile(path, 'utf8')).toBe(newer);
    expect(warnings.map((w) => w.code)).toEqual(['newer_version', 'newer_version']);
    expect(warnings[0]?.message).toMatch(/version 7 is newer than 1/);
  });

  it('concurrent writers to one file leave one complete state, never a torn one', async () => {
    const a = new FileToinBackend(path, { onWarning });
    const b = new FileToinBackend(path, { onWarning });
    const saves: Promise<void>[] = [];
    const big = (n: number): ToinState => ({
      ...state(n),
      peers: { [n.toString(16).padStart(16, '0')]: { exportedAt: n, patterns: {} } },
    });
    for (let i = 0; i < 40; i++) saves.push((i % 2 ? a : b).save(big(i)));
    await Promise.all(saves);
    const loaded = (await new FileToinBackend(path, { onWarning }).load()) as ToinState;
    expect(loaded.exportedAt).toBeGreaterThanOrEqual(0);
    expect(loaded).toEqual(big(loaded.exportedAt));
    expect(await readdir(join(dir, 'nested'))).toEqual(['toin.json']);
    expect(warnings).toEqual([]);
  });

  it('saves from one backend land in order', async () => {
    const backend = new FileToinBackend(path, { onWarning });
    await Promise.all(Array.from({ length: 10 }, (_, i) => backend.save(state(i))));
    expect(await backend.load()).toEqual(state(9));
  });

  it('a save that cannot write rejects (TOIN turns it into a warning) and leaves the old file', async () => {
    const backend = new FileToinBackend(join(dir, 'file-not-dir', 'x', 'toin.json'), { onWarning });
    await writeFile(join(dir, 'file-not-dir'), 'a file, so no directory can be made here');
    await expect(backend.save(state(1))).rejects.toThrow();
  });
});

describe('Toin on the file backend', () => {
  it('a restart restores the advice exactly', async () => {
    const first = fileToin();
    learn(first);
    first.publishSnapshot();
    const before = {
      hint: first.advise(ORDER_SIGNATURE, 'all orders with status failed'),
      view: first.pattern(ORDER_SIGNATURE),
      important: first.isValueImportant(ORDER_SIGNATURE, fieldHash('status'), valueHash('failed')),
    };
    await first.close();
    const second = fileToin();
    await second.ready;
    expect(second.instanceId).toBe(first.instanceId);
    expect({
      hint: second.advise(ORDER_SIGNATURE, 'all orders with status failed'),
      view: second.pattern(ORDER_SIGNATURE),
      important: second.isValueImportant(ORDER_SIGNATURE, fieldHash('status'), valueHash('failed')),
    }).toEqual(before);
    expect(before.important).toBe(true);
    expect(JSON.stringify(second.export())).toBe(JSON.stringify(first.export()));
    await second.close();
    expect(warnings).toEqual([]);
  });

  it('events recorded while the state loads are added to it', async () => {
    const first = fileToin();
    compress(first, 10);
    await first.close();
    const second = fileToin();
    compress(second, 3);
    await second.ready;
    second.publishSnapshot();
    expect(second.pattern(ORDER_SIGNATURE)?.compressions).toBe(13);
    await second.close();
  });

  it('autosaves on its interval when dirty', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const toin = fileToin({ autoSaveIntervalSeconds: 10 });
    await toin.ready;
    compress(toin, 2);
    expect(existsSync(path)).toBe(false);
    vi.advanceTimersByTime(10_000);
    await vi.waitFor(() => expect(existsSync(path)).toBe(true));
    await toin.close();
  });
});
