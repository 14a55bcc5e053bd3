import { MemoryCcrStore, parseMarkers } from '@headroom/core';
import { afterAll, describe, expect, it } from 'vitest';
import { bigJsonOutput } from '../test-utils/harness.js';
import { CompressionLane, type LaneRequest } from './compression-lane.js';

const lanes: CompressionLane[] = [];
const lane = (opts: ConstructorParameters<typeof CompressionLane>[0]) => {
  const l = new CompressionLane(opts);
  lanes.push(l);
  return l;
};
afterAll(() => Promise.all(lanes.map((l) => l.close())));

const request = (store: MemoryCcrStore, over: Partial<LaneRequest> = {}): LaneRequest => ({
  query: 'which items failed?',
  lossless: false,
  store,
  deadline: Date.now() + 20_000,
  signal: new AbortController().signal,
  ...over,
});

const python = [
  'import json',
  '',
  ...Array.from({ length: 40 }, (_, i) =>
    [
      `def handler_${i}(event: dict) -> dict:`,
      `    """Handles event type ${i}."""`,
      '    payload = json.loads(event["body"])',
      '    if not payload:',
      `        raise ValueError("empty payload ${i}")`,
      '    total = 0',
      '    for item in payload["items"]:',
      '        total += item["price"] * item["quantity"]',
      '    return {"statusCode": 200, "total": total}',
      '',
    ].join('\n'),
  ),
].join('\n');

describe('CompressionLane', () => {
  // One real worker for the tests that need one: starting it (from sources, under the test runner)
  // is the slow part.
  const withWorker = lane({ inlineMaxBytes: 64 * 1024, workers: 1 });

  it('compresses ordinary units inline', async () => {
    const store = new MemoryCcrStore();
    const r = await lane({ inlineMaxBytes: 512 * 1024, workers: 1 }).compress(
      bigJsonOutput(50),
      request(store),
    );
    expect(r).toMatchObject({ lane: 'inline', type: 'json', strategy: 'smart_crusher' });
  });

  it('sends a unit over inlineMaxBytes to a worker; its originals land in the proxy store byte-exact', async () => {
    const store = new MemoryCcrStore();
    const text = bigJsonOutput(200);
    const r = await withWorker.compress(text, request(store));
    expect(r).toMatchObject({ lane: 'worker', type: 'json', strategy: 'smart_crusher' });
    expect(r.compressed.length).toBeLessThan(text.length / 5);
    expect(r.ccr).toHaveLength(1);
    expect(parseMarkers(r.compressed)[0]?.hash).toBe(r.ccr[0]);
    expect((await store.get(r.ccr[0]!))?.original).toBe(text);
  });

  it('hands code to a worker, where the code-aware compressor runs', async () => {
    const store = new MemoryCcrStore();
    const r = await withWorker.compress(python, request(store));
    expect(r).toMatchObject({ lane: 'worker', type: 'code', strategy: 'code_aware' });
    expect((await store.get(r.ccr[0]!))?.original).toBe(python);
  });

  it('with no workers, code stays inline and unchanged', async () => {
    const r = await lane({ inlineMaxBytes: 512 * 1024, workers: 0 }).compress(
      python,
      request(new MemoryCcrStore()),
    );
    expect(r).toMatchObject({ lane: 'inline', type: 'code', compressed: python });
  });

  it('stops waiting at the deadline and returns the unit unchanged', async () => {
    const stuck = lane({
      inlineMaxBytes: 1,
      workers: 1,
      workerEntry: new URL('./__fixtures__/stuck-worker.mjs', import.meta.url),
    });
    const started = Date.now();
    const r = await stuck.compress(
      'x'.repeat(100),
      request(new MemoryCcrStore(), { deadline: Date.now() + 150 }),
    );
    expect(r).toMatchObject({ compressed: 'x'.repeat(100), strategy: 'passthrough', ccr: [] });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('drops a queued task when its request is aborted', async () => {
    const stuck = lane({
      inlineMaxBytes: 1,
      workers: 1,
      workerEntry: new URL('./__fixtures__/stuck-worker.mjs', import.meta.url),
    });
    const store = new MemoryCcrStore();
    const busy = stuck.compress('busy', request(store)).catch((e: Error) => e.message);
    const controller = new AbortController();
    const queued = stuck.compress('queued', request(store, { signal: controller.signal }));
    await new Promise((r) => setTimeout(r, 50));
    expect(stuck.queueDepth).toBe(1);
    controller.abort();
    await expect(queued).resolves.toMatchObject({ compressed: 'queued', strategy: 'passthrough' });
    expect(stuck.queueDepth).toBe(0);
    await stuck.close();
    expect(await busy).toMatch(/pool closed/);
  });

  it('terminates a worker stuck past hardKillMs and fails its task', async () => {
    const stuck = lane({
      inlineMaxBytes: 1,
      workers: 1,
      hardKillMs: 100,
      workerEntry: new URL('./__fixtures__/stuck-worker.mjs', import.meta.url),
    });
    await expect(stuck.compress('payload', request(new MemoryCcrStore()))).rejects.toThrow(/hard-kill/);
  });

  it('fails the task of a crashed worker and starts a fresh one for the next', async () => {
    const crashing = lane({
      inlineMaxBytes: 1,
      workers: 1,
      workerEntry: new URL('./__fixtures__/crashing-worker.mjs', import.meta.url),
    });
    const store = new MemoryCcrStore();
    await expect(crashing.compress('first', request(store))).rejects.toThrow(/worker-exit|worker-error/);
    await expect(crashing.compress('second', request(store))).rejects.toThrow(/worker-exit|worker-error/);
  });
});
