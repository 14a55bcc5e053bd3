import { CCR_TOOL_NAME, parseMarkers } from '@headroom/core';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { bigJsonOutput, type Harness, post, startHarness } from '../test-utils/harness.js';
import { chatToolStream } from '../testing/fixtures.js';
import { encodeSse, error, type RecordedRequest, type Reply, sse } from '../testing/mock-upstream.js';

type Json = Record<string, unknown>;

const EXAMPLE = '0123456789abcdef01234567';
const hashIn = (req: RecordedRequest) =>
  parseMarkers(req.body.toString()).find((m) => m.hash !== EXAMPLE)!.hash;
const retrieveArgs = (req: RecordedRequest) => JSON.stringify({ hash: hashIn(req) });

let h: Harness;
afterEach(async () => h?.close());
const client = () => new OpenAI({ apiKey: 'sk-test', baseURL: `${h.proxy.url}/v1`, maxRetries: 0 });

const chatTools: OpenAI.ChatCompletionTool[] = [
  { type: 'function', function: { name: 'q', parameters: { type: 'object' } } },
];
const chatMessages = (output: string): OpenAI.ChatCompletionMessageParam[] => [
  { role: 'user', content: 'Which items fail?' },
  {
    role: 'assistant',
    content: null,
    tool_calls: [{ id: 'c1', type: 'function', function: { name: 'q', arguments: '{}' } }],
  },
  { role: 'tool', tool_call_id: 'c1', content: output },
];

/** A streamed Chat request whose tool output is big enough to compress (so the tool is injected). */
const postStream = () =>
  post(
    `${h.proxy.url}/v1/chat/completions`,
    JSON.stringify({
      model: 'gpt-4o',
      stream: true,
      tools: chatTools,
      messages: chatMessages(bigJsonOutput(60)),
    }),
  );

interface ChatBody {
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  messages: Array<{ role: string; content?: string; tool_call_id?: string; tool_calls?: Json[] }>;
}
/** The retrieval result the proxy appended, if this request is a continuation. */
const retrieved = (req: RecordedRequest) => {
  const last = req.json<ChatBody>().messages.at(-1)!;
  return last.role === 'tool' && last.tool_call_id === 'call_r' ? last.content : undefined;
};
const usageIf = (req: RecordedRequest, u: Record<string, number>) =>
  req.json<ChatBody>().stream_options?.include_usage ? u : undefined;

/** Round 1 retrieves; round 2 echoes how much it received. */
function chatScript(req: RecordedRequest): Reply {
  const got = retrieved(req);
  if (got === undefined)
    return sse(
      chatToolStream({
        id: 'chatcmpl-a',
        text: 'Checking. ',
        calls: [['call_r', CCR_TOOL_NAME, retrieveArgs(req)]],
        usage: usageIf(req, { prompt_tokens: 1000, completion_tokens: 30, total_tokens: 1030 }),
      }),
      { chunking: { seed: 5 } },
    );
  return sse(
    chatToolStream({
      id: 'chatcmpl-b',
      text: `Received ${got.length} chars.`,
      usage: usageIf(req, { prompt_tokens: 3000, completion_tokens: 12, total_tokens: 3012 }),
    }),
  );
}

const dataLines = (body: string) =>
  body
    .split('\n\n')
    .filter((e) => e.startsWith('data: '))
    .map((e) => e.slice(6));

describe('CCR retrieval rounds (Chat Completions streaming)', () => {
  it('the openai SDK sees one completion: same id, retrieved data reached round 2, summed usage', async () => {
    const output = bigJsonOutput(60);
    h = await startHarness({ openai: chatScript });
    const stream = client().chat.completions.stream({
      model: 'gpt-4o',
      messages: chatMessages(output),
      tools: chatTools,
      stream_options: { include_usage: true },
    });
    const ids = new Set<string>();
    let usageChunks = 0;
    stream.on('chunk', (c) => {
      ids.add(c.id);
      if (c.usage) usageChunks++;
    });
    const final = await stream.finalChatCompletion();
    expect(final.id).toBe('chatcmpl-a');
    expect([...ids]).toEqual(['chatcmpl-a']);
    expect(final.choices[0]!.message.content).toBe(`Checking. Received ${output.length} chars.`);
    expect(final.choices[0]!.message.tool_calls ?? []).toEqual([]);
    expect(final.choices[0]!.finish_reason).toBe('stop');
    expect(usageChunks).toBe(1);
    expect(final.usage).toMatchObject({ prompt_tokens: 4000, completion_tokens: 42, total_tokens: 4042 });
    const cont = h.openai.requests[1]!.json<ChatBody>();
    expect(cont.stream).toBe(true);
    expect(cont.messages.at(-2)!.tool_calls).toEqual([
      {
        id: 'call_r',
        type: 'function',
        function: { name: CCR_TOOL_NAME, arguments: retrieveArgs(h.openai.requests[0]!) },
      },
    ]);
    expect(cont.messages.at(-2)!.content).toBe('Checking. ');
    expect(retrieved(h.openai.requests[1]!)).toBe(output);
  });

  it('a client that did not ask for include_usage gets no usage chunk and one [DONE]', async () => {
    h = await startHarness({ openai: chatScript });
    const res = await postStream();
    const body = await res.text();
    expect(res.headers.get('x-headroom-ccr-rounds')).toBeNull(); // headers leave before the rounds
    const lines = dataLines(body);
    expect(lines.filter((l) => l === '[DONE]')).toHaveLength(1);
    expect(lines.at(-1)).toBe('[DONE]');
    const chunks = lines.filter((l) => l !== '[DONE]').map((l) => JSON.parse(l) as Json);
    expect(chunks.every((c) => c.usage === undefined)).toBe(true);
    expect(new Set(chunks.map((c) => c.id))).toEqual(new Set(['chatcmpl-a']));
    expect(chunks.filter((c) => (c.choices as Json[])[0]?.finish_reason)).toHaveLength(1);
    expect(body).not.toContain(CCR_TOOL_NAME);
    expect(h.openai.requests).toHaveLength(2);
  });

  it('without retrieval calls the client receives the upstream bytes unchanged', async () => {
    const events = chatToolStream({
      text: 'plain ✓ answer',
      usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 },
    });
    h = await startHarness({ openai: () => sse(events, { chunking: 'byte' }) });
    const res = await postStream();
    expect(await res.text()).toBe(Buffer.concat(encodeSse(events)).toString());
    expect(h.openai.requests[0]!.body.toString()).toContain(CCR_TOOL_NAME);
  });

  it('a mixed round drops the retrieval call, compacts indexes and delivers the client call', async () => {
    h = await startHarness({
      openai: (req) =>
        sse(
          chatToolStream({
            calls: [
              ['call_r', CCR_TOOL_NAME, retrieveArgs(req)],
              ['call_c', 'q', '{"page":2}'],
            ],
          }),
        ),
    });
    const final = await client()
      .chat.completions.stream({
        model: 'gpt-4o',
        messages: chatMessages(bigJsonOutput(60)),
        tools: chatTools,
      })
      .finalChatCompletion();
    expect(final.choices[0]!.message.tool_calls).toEqual([
      expect.objectContaining({
        id: 'call_c',
        type: 'function',
        function: expect.objectContaining({ name: 'q', arguments: '{"page":2}' }),
      }),
    ]);
    expect(final.choices[0]!.finish_reason).toBe('tool_calls');
    expect(h.openai.requests).toHaveLength(1);
  });

  it('a chunk carrying a retrieval and a client call together keeps only the client call', async () => {
    const base = { id: 'chatcmpl-m', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o' };
    h = await startHarness({
      openai: (req) =>
        sse([
          { data: { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: null } }] } },
          {
            data: {
              ...base,
              choices: [
                {
                  index: 0,
                  delta: {
                    tool_calls: [
                      {
                        index: 0,
                        id: 'call_r',
                        type: 'function',
                        function: { name: CCR_TOOL_NAME, arguments: retrieveArgs(req) },
                      },
                      { index: 1, id: 'call_c', type: 'function', function: { name: 'q', arguments: '{}' } },
                    ],
                  },
                },
              ],
            },
          },
          { data: { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] } },
          { data: '[DONE]' },
        ]),
    });
    const res = await postStream();
    const body = await res.text();
    expect(body).not.toContain(CCR_TOOL_NAME);
    expect(body).toContain('"tool_calls":[{"index":0,"id":"call_c"');
    expect(dataLines(body).at(-1)).toBe('[DONE]');
  });

  it('at the round limit the retrieval is suppressed and the turn ends with stop', async () => {
    h = await startHarness({
      config: { ccr: { maxRounds: 1 } },
      openai: (req) =>
        sse(
          chatToolStream({
            id: `chatcmpl-${retrieved(req) ? 'b' : 'a'}`,
            calls: [['call_r', CCR_TOOL_NAME, retrieveArgs(req)]],
          }),
        ),
    });
    const final = await client()
      .chat.completions.stream({
        model: 'gpt-4o',
        messages: chatMessages(bigJsonOutput(60)),
        tools: chatTools,
      })
      .finalChatCompletion();
    expect(final.id).toBe('chatcmpl-a');
    expect(final.choices[0]!.finish_reason).toBe('stop');
    expect(final.choices[0]!.message.tool_calls ?? []).toEqual([]);
    expect(h.openai.requests).toHaveLength(2);
    const stats = (await (await fetch(`${h.proxy.url}/stats`)).json()) as { ccr: Json };
    expect(JSON.stringify(stats.ccr)).toContain('"rounds":1');
  });

  it('a failed continuation ends the stream with an error chunk the SDK throws on', async () => {
    h = await startHarness({
      openai: (req) =>
        retrieved(req) === undefined
          ? chatScript(req)
          : error(503, { error: { message: 'busy', type: 'server_error', code: null } }),
    });
    const err = await client()
      .chat.completions.stream({
        model: 'gpt-4o',
        messages: chatMessages(bigJsonOutput(60)),
        tools: chatTools,
      })
      .finalChatCompletion()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect(String((err as Error).message)).toContain('headroom: retrieval continuation failed');
  });

  it('a continuation that breaks mid-stream ends with an error chunk, never [DONE]', async () => {
    h = await startHarness({
      openai: (req) =>
        retrieved(req) === undefined
          ? chatScript(req)
          : sse(chatToolStream({ id: 'chatcmpl-b', text: 'partial' }), { destroyAfterEvents: 2 }),
    });
    const res = await postStream();
    const body = await res.text();
    expect(body).toContain('"error":{"message":"headroom: retrieval continuation failed"');
    expect(body).not.toContain('[DONE]');
  });

  it('a client that stops reading slows the upstream socket instead of filling proxy memory', async () => {
    const chunk = Buffer.concat(encodeSse(chatToolStream({ text: 'y'.repeat(4000) }).slice(1, 2)));
    const total = 32 << 20;
    let written = 0;
    h = await startHarness({
      openai: () => async (res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        const batch = Buffer.concat(Array(16).fill(chunk));
        while (written < total && !res.destroyed) {
          written += batch.length;
          if (!res.write(batch)) await new Promise((r) => res.once('drain', r));
        }
        res.end(Buffer.concat(encodeSse(chatToolStream({}).slice(-2))));
      },
    });
    const { request } = await import('node:http');
    const body = JSON.stringify({
      model: 'gpt-4o',
      stream: true,
      tools: chatTools,
      messages: chatMessages(bigJsonOutput(60)),
    });
    const res = await new Promise<import('node:http').IncomingMessage>((resolve, reject) => {
      const req = request(`${h.proxy.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
      });
      req.on('response', resolve).on('error', reject).end(body);
    });
    res.pause();
    await new Promise((r) => setTimeout(r, 1_000));
    // Socket buffers hold a few MiB (8 MiB were sent here); without backpressure all 32 MiB would be.
    expect(written).toBeLessThan(total / 2);
    let received = 0;
    res.on('data', (c: Buffer) => {
      received += c.length;
    });
    res.resume();
    await new Promise((r) => res.on('end', r));
    expect(received).toBeGreaterThanOrEqual(total);
  }, 30_000);

  it('relays an event over the 16 MiB parser cap raw, before it completes', async () => {
    const events = encodeSse(chatToolStream({ text: 'z'.repeat(17 << 20) }));
    const big = events[1]!;
    const head = Buffer.concat([events[0]!, big.subarray(0, big.length - 40)]);
    const tail = Buffer.concat([big.subarray(big.length - 40), ...events.slice(2)]);
    let received = 0;
    let early = false;
    h = await startHarness({
      openai: () => async (res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(head);
        // Finish the event only once the client has most of it, or give up after 5 s.
        for (let i = 0; i < 100 && received <= 16 << 20; i++) await new Promise((r) => setTimeout(r, 50));
        early = received > 16 << 20;
        res.end(tail);
      },
    });
    const res = await postStream();
    const parts: Buffer[] = [];
    for await (const c of res.body!) {
      parts.push(Buffer.from(c));
      received += c.length;
    }
    expect(early).toBe(true);
    expect(Buffer.concat(parts).equals(Buffer.concat(events))).toBe(true);
  }, 30_000);

  it('sends SSE keep-alive comments while a retrieval round is held', async () => {
    h = await startHarness({
      openai: (req) =>
        retrieved(req) === undefined
          ? chatScript(req)
          : sse(chatToolStream({ id: 'chatcmpl-b', text: 'late' }), { headersDelayMs: 5_600 }),
    });
    let body = '';
    // The SDK reads a copy of the bytes, so one request shows both the comments and that it skips them.
    const recording = new OpenAI({
      apiKey: 'sk-test',
      baseURL: `${h.proxy.url}/v1`,
      maxRetries: 0,
      fetch: async (url, init) => {
        const r = await fetch(url, init);
        body = await r.text();
        return new Response(body, { status: r.status, headers: r.headers });
      },
    });
    const final = await recording.chat.completions
      .stream({ model: 'gpt-4o', messages: chatMessages(bigJsonOutput(60)), tools: chatTools })
      .finalChatCompletion();
    expect(final.choices[0]!.message.content).toBe('Checking. late');
    expect(body).toContain('\n\n: keep-alive\n\n');
  }, 20_000);
});
