import { getTokenizer, parseMarkers } from '@headroom/core';
import { afterEach, describe, expect, it } from 'vitest';
import { TokenCounter } from '../accounting/token-counter.js';
import { readShape } from '../body/request-shape.js';
import {
  anthropicToolRequest,
  bigJsonOutput,
  type Harness,
  post,
  startHarness,
} from '../test-utils/harness.js';
import { anthropicMessage, text } from '../testing/fixtures.js';
import { json } from '../testing/mock-upstream.js';

const H = { 'anthropic-version': '2023-06-01', 'x-api-key': 'k' };
let h: Harness;
afterEach(async () => h?.close());

describe('the compression lanes', () => {
  it('compresses a unit over inlineMaxBytes in a worker; its original is retrievable from the proxy', async () => {
    h = await startHarness({
      anthropic: () => json(200, anthropicMessage([text('done')])),
      config: { inlineMaxBytes: 64 * 1024, compressWorkers: 1 },
    });
    const output = bigJsonOutput(200);
    const res = await post(`${h.proxy.url}/v1/messages`, JSON.stringify(anthropicToolRequest(output)), H);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-headroom-transforms')).toContain('worker_lane');
    const fwd = h.anthropic.requests[0]!.json() as {
      messages: Array<{ content: Array<{ content: string }> }>;
    };
    const compressed = fwd.messages[2]!.content[0]!.content;
    const [marker] = parseMarkers(compressed);
    expect(marker).toBeDefined();
    const local = await fetch(`${h.proxy.url}/v1/retrieve/${marker!.hash}`);
    expect(await local.text()).toBe(output);
  });

  it('reports exact token counts although compression decided on estimates', async () => {
    h = await startHarness({ anthropic: () => json(200, anthropicMessage([text('done')])) });
    const output = bigJsonOutput(60);
    const raw = Buffer.from(JSON.stringify(anthropicToolRequest(output)));
    const res = await post(`${h.proxy.url}/v1/messages`, raw, H);
    expect(res.headers.get('x-headroom-transforms')).toContain('smart_crusher');
    const counter = new TokenCounter();
    const before = counter.count(readShape(raw, 'messages'));
    const sent = h.anthropic.requests[0]!.body;
    const after = counter.count(readShape(sent, 'messages'));
    expect(Number(res.headers.get('x-headroom-tokens-before'))).toBe(before);
    expect(Number(res.headers.get('x-headroom-tokens-after'))).toBe(after);
    // The unit itself, counted exactly, is what the memo keeps for replays.
    const fwd = JSON.parse(sent.toString()) as { messages: Array<{ content: Array<{ content: string }> }> };
    const t = getTokenizer('claude-sonnet-4-5');
    const saved = t.count(output) - t.count(fwd.messages[2]!.content[0]!.content);
    expect(before - after).toBeLessThanOrEqual(saved);
  });
});
