import Anthropic from '@anthropic-ai/sdk';
import { CCR_TOOL_NAME, parseMarkers } from '@headroom/core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  anthropicToolRequest,
  bigJsonOutput,
  type Harness,
  post,
  startHarness,
} from '../test-utils/harness.js';
import { anthropicMessage, anthropicStream, retrieveUse, text, toolUse } from '../testing/fixtures.js';
import { encodeSse, error, type RecordedRequest, sse } from '../testing/mock-upstream.js';

const H = { 'anthropic-version': '2023-06-01', 'x-api-key': 'k' };
const EXAMPLE = '0123456789abcdef01234567';
const hashIn = (req: RecordedRequest) =>
  parseMarkers(req.body.toString()).find((m) => m.hash !== EXAMPLE)!.hash;
const usage = (input: number, output: number) => ({
  input_tokens: input,
  output_tokens: output,
  cache_read_input_tokens: 0,
  cache_creation_input_tokens: 0,
});

let h: Harness;
afterEach(async () => h?.close());

describe('CCR retrieval rounds (Anthropic streaming)', () => {
  it('the SDK stream sees one message: contiguous blocks, no retrieval call, summed usage', async () => {
    const output = bigJsonOutput(60);
    h = await startHarness({
      anthropic: (req, i) =>
        i === 0
          ? sse(
              anthropicStream(
                anthropicMessage([text('Checking. '), retrieveUse('toolu_r', hashIn(req))], {
                  usage: usage(1000, 30),
                }),
              ),
              { chunking: { seed: 3 } },
            )
          : sse(anthropicStream(anthropicMessage([text('Item 17 failed.')], { usage: usage(3000, 12) }))),
    });
    const client = new Anthropic({ apiKey: 'k', baseURL: h.proxy.url, maxRetries: 0 });
    const req = anthropicToolRequest(output, { stream: true }) as unknown as Anthropic.MessageCreateParams;
    const stream = client.messages.stream({ ...req, stream: undefined } as Anthropic.MessageStreamParams);
    const final = await stream.finalMessage();
    expect(final.content.map((b) => (b.type === 'text' ? b.text : b.type))).toEqual([
      'Checking. ',
      'Item 17 failed.',
    ]);
    expect(final.stop_reason).toBe('end_turn');
    expect(final.usage.output_tokens).toBe(42);
    expect(JSON.stringify(final)).not.toContain(CCR_TOOL_NAME);
    const cont = h.anthropic.requests[1]!.json<{
      stream: boolean;
      messages: Array<{ role: string; content: Array<Record<string, unknown>> }>;
    }>();
    expect(cont.stream).toBe(true);
    expect(cont.messages.at(-2)!.content.map((b) => b.type)).toEqual(['text', 'tool_use']);
    expect(cont.messages.at(-1)!.content[0]).toEqual({
      type: 'tool_result',
      tool_use_id: 'toolu_r',
      content: output,
    });
  });

  it('without retrieval calls the client receives the upstream bytes unchanged', async () => {
    const events = anthropicStream(anthropicMessage([text('plain answer')]));
    h = await startHarness({ anthropic: () => sse(events, { chunking: 'byte' }) });
    const res = await post(
      `${h.proxy.url}/v1/messages`,
      JSON.stringify(anthropicToolRequest(bigJsonOutput(60), { stream: true })),
      H,
    );
    expect(await res.text()).toBe(Buffer.concat(encodeSse(events)).toString());
  });

  it('a mixed streamed round drops the retrieval block, compacts indexes and delivers the client call', async () => {
    h = await startHarness({
      anthropic: (req) =>
        sse(
          anthropicStream(
            anthropicMessage([
              retrieveUse('toolu_r', hashIn(req)),
              toolUse('toolu_c', 'list_items', { page: 2 }),
            ]),
          ),
        ),
    });
    const res = await post(
      `${h.proxy.url}/v1/messages`,
      JSON.stringify(anthropicToolRequest(bigJsonOutput(60), { stream: true })),
      H,
    );
    const body = await res.text();
    expect(body).not.toContain(CCR_TOOL_NAME);
    expect(body).toContain('"index":0,"content_block":{"type":"tool_use","id":"toolu_c"');
    expect(body).toContain('"stop_reason":"tool_use"');
    expect(h.anthropic.requests).toHaveLength(1);
  });

  it('sends ping events while a retrieval round is held', async () => {
    h = await startHarness({
      anthropic: (req, i) =>
        i === 0
          ? sse(anthropicStream(anthropicMessage([text('Checking. '), retrieveUse('toolu_r', hashIn(req))])))
          : sse(anthropicStream(anthropicMessage([text('late')])), { headersDelayMs: 5_600 }),
    });
    let body = '';
    // The SDK reads a copy of the bytes: the pings are on the wire and the SDK skips them.
    const client = new Anthropic({
      apiKey: 'k',
      baseURL: h.proxy.url,
      maxRetries: 0,
      fetch: async (url, init) => {
        const r = await fetch(url, init);
        body = await r.text();
        return new Response(body, { status: r.status, headers: r.headers });
      },
    });
    const req = anthropicToolRequest(bigJsonOutput(60)) as unknown as Anthropic.MessageStreamParams;
    const final = await client.messages.stream(req).finalMessage();
    expect(final.content.map((b) => (b.type === 'text' ? b.text : b.type))).toEqual(['Checking. ', 'late']);
    const held = body.slice(body.indexOf('"content_block_stop","index":0'), body.indexOf('"text":"late"'));
    expect(held).toContain('event: ping\ndata: {"type":"ping"}\n\n');
  }, 20_000);

  it('a failed continuation ends the stream with an error event, never a clean end', async () => {
    h = await startHarness({
      anthropic: (req, i) =>
        i === 0
          ? sse(anthropicStream(anthropicMessage([retrieveUse('toolu_r', hashIn(req))])))
          : error(529, { type: 'error', error: { type: 'overloaded_error', message: 'busy' } }),
    });
    const res = await post(
      `${h.proxy.url}/v1/messages`,
      JSON.stringify(anthropicToolRequest(bigJsonOutput(60), { stream: true })),
      H,
    );
    const body = await res.text();
    expect(body).toContain('event: error');
    expect(body).toContain('overloaded_error');
    expect(body).not.toContain('message_stop');
  });

  it('a continuation that breaks mid-stream ends with an error event after what was shown', async () => {
    h = await startHarness({
      anthropic: (req, i) =>
        i === 0
          ? sse(anthropicStream(anthropicMessage([text('Checking. '), retrieveUse('toolu_r', hashIn(req))])))
          : sse(anthropicStream(anthropicMessage([text('partial')])), { destroyAfterEvents: 3 }),
    });
    const res = await post(
      `${h.proxy.url}/v1/messages`,
      JSON.stringify(anthropicToolRequest(bigJsonOutput(60), { stream: true })),
      H,
    );
    const body = await res.text();
    expect(body).toContain('"index":1,"delta":{"type":"text_delta","text":"partial"}');
    expect(body).toContain('event: error\ndata: {"type":"error","error":{"type":"api_error"');
    expect(body).not.toContain('message_stop');
    expect(body).not.toContain(CCR_TOOL_NAME);
  });
});
