import { parseMarkers } from '@headroom/core';
import { openStore } from '@headroom/store';
import { describeWithRedis, type RedisServer, startRedisServer } from '@headroom/store/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  anthropicToolRequest,
  bigJsonOutput,
  type Harness,
  post,
  startHarness,
} from '../test-utils/harness.js';
import { anthropicMessage, retrieveUse, text } from '../testing/fixtures.js';
import { json } from '../testing/mock-upstream.js';

const H = { 'anthropic-version': '2023-06-01', 'x-api-key': 'k' };

describeWithRedis('two proxies sharing one Redis store', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => redis?.kill());

  it('a marker created through one proxy is retrieved through the other', async () => {
    const output = bigJsonOutput(60);
    let hash = '';
    const storeA = await openStore(redis.url, { role: 'proxy', instanceId: 'aaaaaaaaaaaaaaaa' });
    const storeB = await openStore(redis.url, { role: 'proxy', instanceId: 'bbbbbbbbbbbbbbbb' });
    const a: Harness = await startHarness({
      store: storeA,
      anthropic: () => json(200, anthropicMessage([text('ok')])),
    });
    const b: Harness = await startHarness({
      store: storeB,
      anthropic: (_req, i) =>
        i === 0
          ? json(200, anthropicMessage([retrieveUse('toolu_r', hash)]))
          : json(200, anthropicMessage([text('got it')])),
    });
    try {
      await (
        await post(`${a.proxy.url}/v1/messages`, JSON.stringify(anthropicToolRequest(output)), H)
      ).text();
      hash = parseMarkers(a.anthropic.requests[0]!.body.toString()).find(
        (m) => m.hash !== '0123456789abcdef01234567',
      )!.hash;

      // Proxy B serves the model's retrieval from the shared store.
      const small = anthropicToolRequest('short output');
      const res = await post(`${b.proxy.url}/v1/messages`, JSON.stringify(small), H);
      expect(((await res.json()) as { content: Array<{ text: string }> }).content[0]!.text).toBe('got it');
      const cont = b.anthropic.requests[1]!.json<{
        messages: Array<{ content: Array<{ content: string }> }>;
      }>();
      expect(cont.messages.at(-1)!.content[0]!.content).toBe(output);
      expect(await (await fetch(`${b.proxy.url}/v1/retrieve/${hash}`)).text()).toBe(output);
    } finally {
      await a.close();
      await b.close();
      await storeA.close();
      await storeB.close();
    }
  }, 30_000);
});
