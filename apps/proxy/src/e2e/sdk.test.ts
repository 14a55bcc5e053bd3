import Anthropic from '@anthropic-ai/sdk';
import { CCR_TOOL_NAME, parseMarkers } from '@headroom/core';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { bigJsonOutput, type Harness, startHarness } from '../test-utils/harness.js';
import {
  anthropicMessage,
  anthropicStream,
  chatCompletion,
  chatStream,
  responsesObject,
  retrieveUse,
  text,
} from '../testing/fixtures.js';
import { error, json, type RecordedRequest, sse } from '../testing/mock-upstream.js';

let h: Harness;
afterEach(async () => h?.close());

const EXAMPLE = '0123456789abcdef01234567';
const hashIn = (req: RecordedRequest) =>
  parseMarkers(req.body.toString()).find((m) => m.hash !== EXAMPLE)!.hash;

const anthropicClient = () => new Anthropic({ apiKey: 'sk-ant-test', baseURL: h.proxy.url, maxRetries: 0 });
const openaiClient = () => new OpenAI({ apiKey: 'sk-test', baseURL: `${h.proxy.url}/v1`, maxRetries: 0 });

const listTool = {
  name: 'list_items',
  description: 'List',
  input_schema: { type: 'object' as const, properties: {} },
};
const anthropicMessages = (output: string): Anthropic.MessageParam[] => [
  { role: 'user', content: 'Which items fail?' },
  { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'list_items', input: {} }] },
  { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: output }] },
];

describe('official SDKs through the proxy', () => {
  it('@anthropic-ai/sdk messages.create with a retrieval round', async () => {
    h = await startHarness({
      anthropic: (req, i) =>
        i === 0
          ? json(200, anthropicMessage([text('Checking. '), retrieveUse('toolu_r', hashIn(req))]))
          : json(200, anthropicMessage([text('Items 0 and 17 fail.')])),
    });
    const msg = await anthropicClient().messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 256,
      tools: [listTool],
      messages: anthropicMessages(bigJsonOutput(50)),
    });
    expect(msg.content.map((b) => (b.type === 'text' ? b.text : b.type))).toEqual([
      'Checking. ',
      'Items 0 and 17 fail.',
    ]);
    expect(msg.stop_reason).toBe('end_turn');
    expect(msg.usage.input_tokens).toBe(200);
    expect(JSON.stringify(msg)).not.toContain(CCR_TOOL_NAME);
  });

  it('@anthropic-ai/sdk messages.stream().finalMessage() with seeded chunking', async () => {
    const message = anthropicMessage([text('Hello wörld ✓ ')], {
      usage: {
        input_tokens: 12,
        output_tokens: 4,
        cache_read_input_tokens: 8,
        cache_creation_input_tokens: 0,
      },
    });
    h = await startHarness({ anthropic: () => sse(anthropicStream(message), { chunking: { seed: 7 } }) });
    const final = await anthropicClient()
      .messages.stream({
        model: 'claude-sonnet-4-5',
        max_tokens: 64,
        tools: [listTool],
        messages: anthropicMessages(bigJsonOutput(20)),
      })
      .finalMessage();
    expect(final.content).toEqual(
      [{ type: 'text', text: 'Hello wörld ✓ ', citations: null }].map(({ type, text: t }) =>
        expect.objectContaining({ type, text: t }),
      ),
    );
    const stats = (await (await fetch(`${h.proxy.url}/stats`)).json()) as {
      usage: { cacheReadTokens: number };
    };
    expect(stats.usage.cacheReadTokens).toBe(8);
  });

  it('@anthropic-ai/sdk surfaces upstream errors as APIError with the upstream status', async () => {
    h = await startHarness({
      anthropic: () => error(529, { type: 'error', error: { type: 'overloaded_error', message: 'busy' } }),
    });
    const err = await anthropicClient()
      .messages.create({
        model: 'claude-sonnet-4-5',
        max_tokens: 8,
        messages: [{ role: 'user', content: 'hi' }],
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.APIError);
    expect((err as InstanceType<typeof Anthropic.APIError>).status).toBe(529);
  });

  it('openai chat.completions.create with a retrieval round, and a streamed completion', async () => {
    h = await startHarness({
      openai: (req, i) => {
        const body = req.json<{ stream?: boolean }>();
        if (body.stream) return sse(chatStream('streamed answer'), { chunking: 'byte' });
        return i === 0
          ? json(
              200,
              chatCompletion(
                null,
                [['call_r', CCR_TOOL_NAME, JSON.stringify({ hash: hashIn(req) })]],
                'chatcmpl-1',
              ),
            )
          : json(200, chatCompletion('Done.', [], 'chatcmpl-2'));
      },
    });
    const client = openaiClient();
    const messages: OpenAI.ChatCompletionMessageParam[] = [
      { role: 'user', content: 'check' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'c1', type: 'function', function: { name: 'q', arguments: '{}' } }],
      },
      { role: 'tool', tool_call_id: 'c1', content: bigJsonOutput(50) },
    ];
    const tools: OpenAI.ChatCompletionTool[] = [
      { type: 'function', function: { name: 'q', parameters: { type: 'object' } } },
    ];
    const done = await client.chat.completions.create({ model: 'gpt-4o', messages, tools });
    expect(done.id).toBe('chatcmpl-1');
    expect(done.choices[0]!.message.content).toBe('Done.');
    const streamed = await client.chat.completions
      .stream({ model: 'gpt-4o', messages, tools })
      .finalChatCompletion();
    expect(streamed.choices[0]!.message.content).toBe('streamed answer');
  });

  it('openai responses.create with a retrieval round', async () => {
    h = await startHarness({
      openai: (req, i) =>
        i === 0
          ? json(
              200,
              responsesObject(
                null,
                [['call_r', CCR_TOOL_NAME, JSON.stringify({ hash: hashIn(req) })]],
                'resp_1',
              ),
            )
          : json(200, responsesObject('Found.', [], 'resp_2')),
    });
    const res = await openaiClient().responses.create({
      model: 'gpt-4o',
      tools: [{ type: 'function', name: 'q', parameters: { type: 'object' }, strict: false }],
      input: [
        { role: 'user', content: 'check' },
        { type: 'function_call', call_id: 'c1', name: 'q', arguments: '{}' },
        { type: 'function_call_output', call_id: 'c1', output: bigJsonOutput(50) },
      ],
    });
    expect(res.output_text).toBe('Found.');
    expect(res.output.some((o) => o.type === 'function_call')).toBe(false);
  });
});
