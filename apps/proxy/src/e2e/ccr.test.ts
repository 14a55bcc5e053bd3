import { CCR_TOOL_NAME, parseMarkers } from '@headroom/core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  anthropicToolRequest,
  bigJsonOutput,
  type Harness,
  post,
  startHarness,
} from '../test-utils/harness.js';
import {
  anthropicMessage,
  chatCompletion,
  responsesObject,
  retrieveUse,
  text,
  toolUse,
} from '../testing/fixtures.js';
import { json, type RecordedRequest } from '../testing/mock-upstream.js';

const H = { 'anthropic-version': '2023-06-01', 'x-api-key': 'k' };
let h: Harness;
afterEach(async () => h?.close());

/** The first marker hash in a forwarded request. */
function markerHash(req: RecordedRequest): string {
  // Skips the example marker in the retrieval tool's description.
  const hash = parseMarkers(req.body.toString()).find((m) => m.hash !== '0123456789abcdef01234567')?.hash;
  if (!hash) throw new Error('no marker forwarded');
  return hash;
}

describe('CCR retrieval rounds (non-streaming)', () => {
  it('Anthropic: executes a retrieval, continues upstream, merges into one message', async () => {
    const output = bigJsonOutput(60);
    h = await startHarness({
      anthropic: (req, i) => {
        if (i === 0)
          return json(
            200,
            anthropicMessage([text('Let me look. '), retrieveUse('toolu_r1', markerHash(req))], {
              usage: { input_tokens: 1000, output_tokens: 30 },
            }),
          );
        return json(
          200,
          anthropicMessage([text('Item 17 failed.')], { usage: { input_tokens: 3000, output_tokens: 10 } }),
        );
      },
    });
    const res = await post(`${h.proxy.url}/v1/messages`, JSON.stringify(anthropicToolRequest(output)), H);
    const body = (await res.json()) as {
      content: Array<{ type: string; text?: string }>;
      stop_reason: string;
      usage: Record<string, number>;
    };
    expect(res.headers.get('x-headroom-ccr-rounds')).toBe('1');
    expect(body.content.map((b) => b.text)).toEqual(['Let me look. ', 'Item 17 failed.']);
    expect(body.stop_reason).toBe('end_turn');
    expect(body.usage.input_tokens).toBe(4000);
    expect(JSON.stringify(body)).not.toContain(CCR_TOOL_NAME);
    // The continuation extends round 1's request byte-for-byte and carries the exact original.
    const [r1, r2] = h.anthropic.requests;
    const r1Body = r1!.body.toString();
    const cut = r1Body.lastIndexOf(']', r1Body.lastIndexOf('}') - 1);
    expect(r2!.body.toString().startsWith(r1Body.slice(0, cut))).toBe(true);
    const msgs = r2!.json<{ messages: Array<{ role: string; content: Array<Record<string, unknown>> }> }>()
      .messages;
    expect(msgs.at(-1)!.content[0]).toEqual({
      type: 'tool_result',
      tool_use_id: 'toolu_r1',
      content: output,
    });
  });

  it('Anthropic: a mixed round suppresses the retrieval and delivers the client call unchanged', async () => {
    h = await startHarness({
      anthropic: (req) =>
        json(
          200,
          anthropicMessage([
            retrieveUse('toolu_r', markerHash(req)),
            toolUse('toolu_c', 'list_items', { page: 2 }),
          ]),
        ),
    });
    const res = await post(
      `${h.proxy.url}/v1/messages`,
      JSON.stringify(anthropicToolRequest(bigJsonOutput(60))),
      H,
    );
    const body = (await res.json()) as { content: Array<{ id: string }>; stop_reason: string };
    expect(body.content.map((b) => b.id)).toEqual(['toolu_c']);
    expect(body.stop_reason).toBe('tool_use');
    expect(h.anthropic.requests).toHaveLength(1);
  });

  it('Anthropic: stops at the round limit and ends the turn; unknown hashes get an error result', async () => {
    h = await startHarness({
      config: { ccr: { maxRounds: 2 } },
      anthropic: (_req, i) =>
        json(200, anthropicMessage([text(`r${i} `), retrieveUse(`toolu_${i}`, '0123456789abcdef01234567')])),
    });
    const res = await post(
      `${h.proxy.url}/v1/messages`,
      JSON.stringify(anthropicToolRequest(bigJsonOutput(60))),
      H,
    );
    const body = (await res.json()) as { content: Array<{ text: string }>; stop_reason: string };
    expect(h.anthropic.requests).toHaveLength(3);
    expect(body.content.map((b) => b.text).join('')).toBe('r0 r1 r2 ');
    expect(body.stop_reason).toBe('end_turn');
    const last = h.anthropic.requests[2]!.json<{
      messages: Array<{ content: Array<Record<string, unknown>> }>;
    }>().messages.at(-1)!;
    expect(last.content[0]!.is_error).toBe(true);
    expect(String(last.content[0]!.content)).toContain('no stored original');
    const stats = (await (await fetch(`${h.proxy.url}/stats`)).json()) as { ccr: Record<string, number> };
    expect(stats.ccr).toMatchObject({ rounds: 2, retrievals: 2, misses: 2, roundLimit: 1 });
  });

  it('Chat: serves a retrieval and returns one completion with one id', async () => {
    const output = bigJsonOutput(60);
    h = await startHarness({
      openai: (req, i) =>
        i === 0
          ? json(
              200,
              chatCompletion(
                null,
                [['call_r', CCR_TOOL_NAME, JSON.stringify({ hash: markerHash(req) })]],
                'chatcmpl-A',
              ),
            )
          : json(200, chatCompletion('All good.', [], 'chatcmpl-B')),
    });
    const body = {
      model: 'gpt-4o',
      tools: [{ type: 'function', function: { name: 'q', parameters: { type: 'object' } } }],
      messages: [
        { role: 'user', content: 'check' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'c1', type: 'function', function: { name: 'q', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: 'c1', content: output },
      ],
    };
    const res = await post(`${h.proxy.url}/v1/chat/completions`, JSON.stringify(body));
    const out = (await res.json()) as {
      id: string;
      choices: Array<{ message: { content: string; tool_calls?: unknown }; finish_reason: string }>;
      usage: { prompt_tokens: number };
    };
    expect(out.id).toBe('chatcmpl-A');
    expect(out.choices[0]!.message.content).toBe('All good.');
    expect(out.choices[0]!.message.tool_calls).toBeUndefined();
    expect(out.choices[0]!.finish_reason).toBe('stop');
    expect(out.usage.prompt_tokens).toBe(200);
    const cont = h.openai.requests[1]!.json<{ messages: Array<Record<string, unknown>> }>().messages;
    expect(cont.at(-1)).toEqual({ role: 'tool', tool_call_id: 'call_r', content: output });
  });

  it('Responses: serves a retrieval and returns the last round with merged output', async () => {
    const output = bigJsonOutput(60);
    h = await startHarness({
      openai: (req, i) =>
        i === 0
          ? json(
              200,
              responsesObject(
                null,
                [['call_r', CCR_TOOL_NAME, JSON.stringify({ hash: markerHash(req) })]],
                'resp_A',
              ),
            )
          : json(200, responsesObject('Found it.', [], 'resp_B')),
    });
    const body = {
      model: 'gpt-4o',
      tools: [{ type: 'function', name: 'q', parameters: { type: 'object' } }],
      input: [
        { role: 'user', content: 'check' },
        { type: 'function_call', call_id: 'c1', name: 'q', arguments: '{}' },
        { type: 'function_call_output', call_id: 'c1', output },
      ],
    };
    const res = await post(`${h.proxy.url}/v1/responses`, JSON.stringify(body));
    const out = (await res.json()) as { id: string; output: Array<{ type: string; name?: string }> };
    expect(out.id).toBe('resp_B');
    expect(out.output.map((o) => o.type)).toEqual(['message']);
    const cont = h.openai.requests[1]!.json<{ input: Array<Record<string, unknown>> }>().input;
    expect(cont.at(-1)).toEqual({ type: 'function_call_output', call_id: 'call_r', output });
  });

  it('does not inject or intercept when the client has its own MCP retrieval tool', async () => {
    h = await startHarness({
      anthropic: () =>
        json(200, anthropicMessage([toolUse('t9', 'mcp__headroom__headroom_retrieve', { hash: 'x' })])),
    });
    const tools = [{ name: 'mcp__headroom__headroom_retrieve', input_schema: { type: 'object' } }];
    const res = await post(
      `${h.proxy.url}/v1/messages`,
      JSON.stringify(anthropicToolRequest(bigJsonOutput(60), { tools })),
      H,
    );
    const body = (await res.json()) as { content: Array<{ name: string }> };
    expect(body.content[0]!.name).toBe('mcp__headroom__headroom_retrieve');
    const fwd = h.anthropic.requests[0]!.body.toString();
    expect(fwd.match(/headroom_retrieve/g)).toHaveLength(1);
    expect(parseMarkers(fwd).length).toBeGreaterThan(0);
  });
});
