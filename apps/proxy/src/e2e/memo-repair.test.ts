import { parseMarkers } from '@headroom/core';
import { afterEach, describe, expect, it } from 'vitest';
import { memoKey } from '../plan/memo-key.js';
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

/** The same conversation one turn later: the tool output is history now (replay only). */
function nextTurn(output: string): Record<string, unknown> {
  const first = anthropicToolRequest(output);
  return {
    ...first,
    messages: [
      ...(first.messages as unknown[]),
      { role: 'assistant', content: [{ type: 'text', text: 'Items 0 and 17 are failing.' }] },
      { role: 'user', content: 'Thanks. And item 34?' },
    ],
  };
}

const toolText = (body: Record<string, unknown>) =>
  (body.messages as Array<{ content: Array<{ content: string }> }>)[2]!.content[0]!.content;

describe('memo hits whose CCR originals are gone (proxy.md §7.2)', () => {
  it('re-puts the original from the re-sent unit when the hash matches and replays the same bytes', async () => {
    h = await startHarness({ anthropic: () => json(200, anthropicMessage([text('ok')])) });
    const output = bigJsonOutput(60);
    await post(`${h.proxy.url}/v1/messages`, JSON.stringify(anthropicToolRequest(output)), H);
    const compressed = toolText(h.anthropic.requests[0]!.json());
    const [marker] = parseMarkers(compressed);
    expect(marker).toBeDefined();
    await h.store.flush();
    // Evicted / expired: the memo entry survives, its original does not.
    expect(await h.store.delete(marker!.hash)).toBe(true);
    expect(await h.store.get(marker!.hash)).toBeUndefined();

    const res = await post(`${h.proxy.url}/v1/messages`, JSON.stringify(nextTurn(output)), H);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-headroom-transforms')).toContain('memo_repair');
    // Byte-stable replay: the cached prefix survives, and the marker is live again.
    expect(toolText(h.anthropic.requests[1]!.json())).toBe(compressed);
    expect((await h.store.get(marker!.hash))?.original).toBe(output);
  });

  it('drops an entry whose missing original is not the re-sent text and forwards the client bytes', async () => {
    h = await startHarness({ anthropic: () => json(200, anthropicMessage([text('ok')])) });
    const output = bigJsonOutput(20);
    const dead = 'deadbeefdeadbeefdeadbeef';
    const key = memoKey('anthropic', 'toolu_1', Buffer.from(JSON.stringify(output)));
    await h.store.memoPut(key, {
      output: `[rows] <<ccr:${dead} 90 of 100 rows omitted>>`,
      ccrRefs: [dead],
      tokensBefore: 5000,
      tokensAfter: 100,
      strategy: 'smart_crusher',
      createdAt: Date.now(),
    });
    const res = await post(`${h.proxy.url}/v1/messages`, JSON.stringify(nextTurn(output)), H);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-headroom-transforms') ?? '').not.toContain('memo');
    // Never a dead marker: the original goes out, byte-identical.
    const fwd = h.anthropic.requests[0]!.body.toString();
    expect(fwd.includes(dead)).toBe(false);
    expect(toolText(JSON.parse(fwd)) === output).toBe(true);
    expect(fwd.includes(JSON.stringify(output))).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    expect((await h.store.memoGetMany([key])).size).toBe(0);
  });
});
