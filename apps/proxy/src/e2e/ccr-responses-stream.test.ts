import { CCR_TOOL_NAME, parseMarkers } from '@headroom/core';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { bigJsonOutput, type Harness, post, startHarness } from '../test-utils/harness.js';
import { responsesObject, responsesStream } from '../testing/fixtures.js';
import { encodeSse, error, type RecordedRequest, type Reply, sse } from '../testing/mock-upstream.js';

type Json = Record<string, unknown>;

const EXAMPLE = '0123456789abcdef01234567';
const hashIn = (req: RecordedRequest) =>
  parseMarkers(req.body.toString()).find((m) => m.hash !== EXAMPLE)!.hash;
const retrieveArgs = (req: RecordedRequest) => JSON.stringify({ hash: hashIn(req) });

let h: Harness;
afterEach(async () => h?.close());
const client = () => new OpenAI({ apiKey: 'sk-test', baseURL: `${h.proxy.url}/v1`, maxRetries: 0 });

const responsesInput = (output: string): OpenAI.Responses.ResponseInput => [
  { role: 'user', content: 'check' },
  { type: 'function_call', call_id: 'c1', name: 'q', arguments: '{}' },
  { type: 'function_call_output', call_id: 'c1', output },
];
const responsesTools: OpenAI.Responses.Tool[] = [
  { type: 'function', name: 'q', parameters: { type: 'object' }, strict: false },
];
const responsesRetrieved = (req: RecordedRequest) => {
  const last = req.json<{ input: Json[] }>().input.at(-1)!;
  return last.type === 'function_call_output' && last.call_id === 'call_r' ? String(last.output) : undefined;
};

function responsesScript(req: RecordedRequest): Reply {
  const got = responsesRetrieved(req);
  if (got === undefined)
    return sse(
      responsesStream({
        ...responsesObject('Checking. ', [['call_r', CCR_TOOL_NAME, retrieveArgs(req)]], 'resp_1'),
        usage: { input_tokens: 1000, output_tokens: 30, total_tokens: 1030 },
      }),
      { chunking: { seed: 11 } },
    );
  return sse(
    responsesStream({
      ...responsesObject(`Received ${got.length} chars.`, [], 'resp_2'),
      usage: { input_tokens: 3000, output_tokens: 12, total_tokens: 3012 },
    }),
  );
}

describe('CCR retrieval rounds (Responses streaming)', () => {
  it('the openai SDK sees one response: merged output, continuous sequence numbers, summed usage', async () => {
    const output = bigJsonOutput(60);
    h = await startHarness({ openai: responsesScript });
    const stream = client().responses.stream({
      model: 'gpt-4o',
      tools: responsesTools,
      input: responsesInput(output),
    });
    const events: Json[] = [];
    stream.on('event', (e) => events.push(e as unknown as Json));
    const final = await stream.finalResponse();
    const texts = final.output.flatMap((o) =>
      o.type === 'message' ? o.content.map((c) => (c.type === 'output_text' ? c.text : '')) : [],
    );
    expect(texts).toEqual(['Checking. ', `Received ${output.length} chars.`]);
    expect(final.id).toBe('resp_2');
    expect(final.output.map((o) => o.type)).toEqual(['message', 'message']);
    expect(final.usage).toMatchObject({ input_tokens: 4000, output_tokens: 42, total_tokens: 4042 });
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
    expect(events.filter((e) => e.type === 'response.created')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'response.completed')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'response.output_item.added').map((e) => e.output_index)).toEqual([
      0, 1,
    ]);
    expect(JSON.stringify(events)).not.toContain(CCR_TOOL_NAME);
    const cont = h.openai.requests[1]!.json<{ stream: boolean; input: Json[] }>();
    expect(cont.stream).toBe(true);
    expect(cont.input.slice(-3).map((i) => i.type)).toEqual([
      'message',
      'function_call',
      'function_call_output',
    ]);
    expect(responsesRetrieved(h.openai.requests[1]!)).toBe(output);
  });

  it('without retrieval calls the client receives the upstream bytes unchanged', async () => {
    const events = responsesStream(responsesObject('plain ✓', [], 'resp_p'));
    h = await startHarness({ openai: () => sse(events, { chunking: { seed: 2 } }) });
    const res = await post(
      `${h.proxy.url}/v1/responses`,
      JSON.stringify({
        model: 'gpt-4o',
        stream: true,
        tools: responsesTools,
        input: responsesInput(bigJsonOutput(60)),
      }),
    );
    expect(await res.text()).toBe(Buffer.concat(encodeSse(events)).toString());
    expect(h.openai.requests[0]!.body.toString()).toContain(CCR_TOOL_NAME);
  });

  it('a mixed round delivers the client call alone, at output index 0', async () => {
    h = await startHarness({
      openai: (req) =>
        sse(
          responsesStream(
            responsesObject(null, [
              ['call_r', CCR_TOOL_NAME, retrieveArgs(req)],
              ['call_c', 'q', '{"page":2}'],
            ]),
          ),
        ),
    });
    const final = await client()
      .responses.stream({ model: 'gpt-4o', tools: responsesTools, input: responsesInput(bigJsonOutput(60)) })
      .finalResponse();
    expect(final.output.map((o) => (o.type === 'function_call' ? o.call_id : o.type))).toEqual(['call_c']);
    expect(h.openai.requests).toHaveLength(1);
  });

  it('at the round limit the retrieval is suppressed and the response completes without it', async () => {
    h = await startHarness({
      config: { ccr: { maxRounds: 1 } },
      openai: (req) => {
        const n = responsesRetrieved(req) === undefined ? 1 : 2;
        return sse(
          responsesStream(
            responsesObject(`part ${n}. `, [['call_r', CCR_TOOL_NAME, retrieveArgs(req)]], `resp_${n}`),
          ),
        );
      },
    });
    const events: Json[] = [];
    const stream = client().responses.stream({
      model: 'gpt-4o',
      tools: responsesTools,
      input: responsesInput(bigJsonOutput(60)),
    });
    stream.on('event', (e) => events.push(e as unknown as Json));
    const final = await stream.finalResponse();
    expect(final.output.map((o) => o.type)).toEqual(['message', 'message']);
    expect(final.usage).toMatchObject({ input_tokens: 200, output_tokens: 20, total_tokens: 220 });
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
    expect(JSON.stringify(events)).not.toContain(CCR_TOOL_NAME);
    expect(h.openai.requests).toHaveLength(2);
  });

  it('a failed continuation ends with an error event the SDK throws on', async () => {
    h = await startHarness({
      openai: (req) =>
        responsesRetrieved(req) === undefined
          ? responsesScript(req)
          : error(500, { error: { message: 'boom', type: 'server_error', code: null } }),
    });
    const err = await client()
      .responses.stream({ model: 'gpt-4o', tools: responsesTools, input: responsesInput(bigJsonOutput(60)) })
      .finalResponse()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect(String((err as Error).message)).toContain('headroom: retrieval continuation failed');
  });
});
