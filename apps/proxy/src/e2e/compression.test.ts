import { parseMarkers } from '@headroom/core';
import { afterEach, describe, expect, it } from 'vitest';
import { TOOL_BYTES } from '../plan/ccr-injection.js';
import {
  anthropicToolRequest,
  bigJsonOutput,
  type Harness,
  post,
  startHarness,
} from '../test-utils/harness.js';
import { anthropicMessage, chatCompletion, text } from '../testing/fixtures.js';
import { json } from '../testing/mock-upstream.js';

const H = { 'anthropic-version': '2023-06-01', 'x-api-key': 'k' };
let h: Harness;
afterEach(async () => h?.close());

function toolResultText(body: Record<string, unknown>, messageIndex: number): string {
  const m = (body.messages as Array<{ content: Array<{ content: string }> }>)[messageIndex]!;
  return m.content[0]!.content;
}

describe('the request plan', () => {
  it('compresses a live JSON tool output, injects the retrieval tool last, and splices nothing else', async () => {
    h = await startHarness({ anthropic: () => json(200, anthropicMessage([text('done')])) });
    const output = bigJsonOutput(100);
    const reqBody = anthropicToolRequest(output);
    const raw = JSON.stringify(reqBody);
    const res = await post(`${h.proxy.url}/v1/messages`, raw, H);
    expect(res.status).toBe(200);
    const sent = h.anthropic.requests[0]!;
    const fwd = sent.json();
    const compressed = toolResultText(fwd, 2);
    expect(compressed.length).toBeLessThan(output.length / 2);
    const markers = parseMarkers(compressed);
    expect(markers.length).toBeGreaterThan(0);
    // The original is retrievable, byte-exact.
    const original = await h.store.get(markers[0]!.hash);
    expect(original?.original).toBe(output);
    // Only the tool output changed and the tool was appended after the client's tools.
    const expected = raw
      .replace(JSON.stringify(output), JSON.stringify(compressed))
      .replace('"properties":{}}}]', `"properties":{}}},${TOOL_BYTES.messages.toString()}]`);
    expect(sent.body.toString()).toBe(expected);
    expect(Number(res.headers.get('x-headroom-tokens-saved'))).toBeGreaterThan(1000);
    expect(res.headers.get('x-headroom-transforms')).toContain('ccr_tool');
    const local = await fetch(`${h.proxy.url}/v1/retrieve/${markers[0]!.hash}`);
    expect(await local.text()).toBe(output);
  });

  it('replays history byte-identically over 20 turns (memo), never compressing history first-time', async () => {
    h = await startHarness({ anthropic: () => json(200, anthropicMessage([text('next')])) });
    const messages: unknown[] = [{ role: 'user', content: 'Start the audit.' }];
    let previous: Buffer | undefined;
    for (let turn = 0; turn < 20; turn++) {
      const id = `toolu_${turn}`;
      messages.push({
        role: 'assistant',
        content: [{ type: 'tool_use', id, name: 'list_items', input: { page: turn } }],
      });
      messages.push({
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: id, content: bigJsonOutput(8 + (turn % 3) * 10, turn) },
        ],
      });
      const body = {
        model: 'claude-sonnet-4-5',
        max_tokens: 512,
        tools: [{ name: 'list_items', input_schema: { type: 'object' } }],
        messages,
      };
      const res = await post(`${h.proxy.url}/v1/messages`, JSON.stringify(body), H);
      expect(res.status).toBe(200);
      await res.arrayBuffer();
      const sent = h.anthropic.requests[turn]!.body;
      if (previous) {
        // Everything up to the end of the previous request's messages is a byte-identical prefix.
        const prevMessagesEnd = previous.lastIndexOf(']', previous.lastIndexOf('}') - 1);
        expect(sent.subarray(0, prevMessagesEnd).equals(previous.subarray(0, prevMessagesEnd))).toBe(true);
      }
      previous = sent;
    }
    const stats = (await (await fetch(`${h.proxy.url}/stats`)).json()) as { units: Record<string, number> };
    expect(stats.units.replayed).toBeGreaterThanOrEqual(19 * 9);
    expect(stats.units.compressed).toBeGreaterThanOrEqual(15);
  });

  it('a proxy started mid-conversation forwards history as the client sent it', async () => {
    h = await startHarness({ openai: () => json(200, chatCompletion('ok')) });
    const out = bigJsonOutput(30);
    const body = {
      model: 'gpt-4o',
      messages: [
        { role: 'user', content: 'go' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'c1', type: 'function', function: { name: 'q', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: 'c1', content: out },
        { role: 'assistant', content: 'Looked at it.' },
        { role: 'user', content: 'thanks' },
      ],
    };
    const raw = JSON.stringify(body);
    await (await post(`${h.proxy.url}/v1/chat/completions`, raw)).text();
    expect(h.openai.requests[0]!.body.toString()).toBe(raw);
  });

  it('protects Read outputs and error results, and honours x-headroom-mode', async () => {
    h = await startHarness({ anthropic: () => json(200, anthropicMessage([text('ok')])) });
    const out = bigJsonOutput(40);
    const readReq = anthropicToolRequest(out);
    (readReq.messages as Array<{ content: unknown }>)[1]!.content = [
      { type: 'tool_use', id: 'toolu_1', name: 'Read', input: {} },
    ];
    const raw = JSON.stringify(readReq);
    await (await post(`${h.proxy.url}/v1/messages`, raw, H)).text();
    expect(h.anthropic.requests[0]!.body.toString()).toContain(JSON.stringify(out));

    const plain = JSON.stringify(anthropicToolRequest(out));
    const res = await post(`${h.proxy.url}/v1/messages`, plain, { ...H, 'x-headroom-mode': 'passthrough' });
    await res.text();
    expect(h.anthropic.requests[1]!.body.toString()).toBe(plain);
    expect(res.headers.get('x-headroom-mode')).toBe('passthrough');

    const lossless = await post(`${h.proxy.url}/v1/messages`, plain, { ...H, 'x-headroom-mode': 'lossless' });
    await lossless.text();
    const fwd = h.anthropic.requests[2]!.body.toString();
    expect(fwd).not.toContain('headroom_retrieve');
    expect(parseMarkers(fwd)).toHaveLength(0);
  });

  it('streams Chat SSE through, with the retrieval tool injected now that Chat streams are intercepted', async () => {
    const events = 'data: {"id":"c","choices":[{"index":0,"delta":{"content":"hi"}}]}\n\ndata: [DONE]\n\n';
    h = await startHarness({
      openai: () => (res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.end(events);
      },
    });
    const body = {
      model: 'gpt-4o',
      stream: true,
      tools: [{ type: 'function', function: { name: 'q', parameters: { type: 'object' } } }],
      messages: [
        { role: 'user', content: 'go' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'c1', type: 'function', function: { name: 'q', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: 'c1', content: bigJsonOutput(60) },
      ],
    };
    const res = await post(`${h.proxy.url}/v1/chat/completions`, JSON.stringify(body));
    expect(await res.text()).toBe(events);
    expect(res.headers.get('x-headroom-tokens-before')).toMatch(/^\d+$/);
    const fwd = h.openai.requests[0]!.body.toString();
    // Streamed retrievals are served by the proxy (§8.6), so the tool goes in and lossy compression is allowed.
    expect(fwd).toContain('headroom_retrieve');
    const markers = parseMarkers(fwd).filter((m) => m.hash !== '0123456789abcdef01234567');
    expect(markers.length).toBeGreaterThan(0);
  });
});
