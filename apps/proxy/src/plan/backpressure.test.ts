import { openStore } from '@headroom/store';
import { afterAll, describe, expect, it } from 'vitest';
import { readShape } from '../body/request-shape.js';
import { CompressionLane } from '../lane/compression-lane.js';
import { anthropicToolRequest, bigJsonOutput } from '../test-utils/harness.js';
import { type PlanOptions, planRequest } from './plan.js';

const store = await openStore('memory', { role: 'proxy' });
const lane = new CompressionLane({ inlineMaxBytes: 512 * 1024 });
afterAll(async () => {
  await lane.close();
  await store.close();
});

const opts = (backpressure: boolean): PlanOptions => ({
  provider: 'anthropic',
  mode: 'cache',
  store,
  minUnitTokens: 500,
  isProtected: () => false,
  deadline: Date.now() + 10_000,
  signal: new AbortController().signal,
  verify: true,
  lane,
  backpressure,
});
const body = (seed: number) => Buffer.from(JSON.stringify(anthropicToolRequest(bigJsonOutput(40, seed))));

describe('backpressure (proxy.md §9)', () => {
  it('forwards a live unit as it is and says why', async () => {
    const buf = body(1);
    const plan = await planRequest(readShape(buf, 'messages'), opts(true));
    // Only the retrieval tool is added (it is injected on every request, keeping `tools` stable).
    const messages = (b: Buffer) => (JSON.parse(b.toString()) as { messages: unknown }).messages;
    expect(messages(plan.body)).toEqual(messages(buf));
    expect(plan.failOpen).toEqual(['backpressure']);
    expect(plan.memoWrites).toEqual([]);
  });

  it('still replays the memo, so re-sent history keeps its bytes', async () => {
    const buf = body(2);
    const first = await planRequest(readShape(buf, 'messages'), opts(false));
    expect(first.units.map((u) => u.outcome)).toEqual(['compressed']);
    for (const [key, entry] of first.memoWrites) await store.memoPut(key, entry);

    const again = await planRequest(readShape(buf, 'messages'), opts(true));
    expect(again.units.map((u) => u.outcome)).toEqual(['replayed']);
    expect(again.body.equals(first.body)).toBe(true);
    expect(again.failOpen).toEqual([]);
  });
});
