import { CCR_TOOL_NAME } from '@headroom/core';
import type { SseEvent } from './mock-upstream.js';

type Block = Record<string, unknown>;

/** An Anthropic Messages response. */
export function anthropicMessage(
  content: Block[],
  opts: { id?: string; stop?: string; usage?: Record<string, number> } = {},
): Record<string, unknown> {
  return {
    id: opts.id ?? 'msg_01',
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-4-5',
    content,
    stop_reason: opts.stop ?? (content.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn'),
    stop_sequence: null,
    usage: opts.usage ?? {
      input_tokens: 100,
      output_tokens: 20,
      cache_read_input_tokens: 0,
      cache_creation_input_tokens: 0,
    },
  };
}

export const text = (t: string): Block => ({ type: 'text', text: t });
export const toolUse = (id: string, name: string, input: unknown): Block => ({
  type: 'tool_use',
  id,
  name,
  input,
});
export const retrieveUse = (id: string, hash: string): Block => toolUse(id, CCR_TOOL_NAME, { hash });

/** The SSE events of an Anthropic message, as the API streams it. */
export function anthropicStream(message: Record<string, unknown>): SseEvent[] {
  const content = message.content as Block[];
  const usage = message.usage as Record<string, number>;
  const events: SseEvent[] = [
    {
      event: 'message_start',
      data: {
        type: 'message_start',
        message: { ...message, content: [], stop_reason: null, usage: { ...usage, output_tokens: 1 } },
      },
    },
  ];
  content.forEach((b, index) => {
    if (b.type === 'text') {
      events.push({
        event: 'content_block_start',
        data: { type: 'content_block_start', index, content_block: { type: 'text', text: '' } },
      });
      events.push({
        event: 'content_block_delta',
        data: { type: 'content_block_delta', index, delta: { type: 'text_delta', text: b.text } },
      });
    } else {
      events.push({
        event: 'content_block_start',
        data: { type: 'content_block_start', index, content_block: { ...b, input: {} } },
      });
      events.push({
        event: 'content_block_delta',
        data: {
          type: 'content_block_delta',
          index,
          delta: { type: 'input_json_delta', partial_json: JSON.stringify(b.input) },
        },
      });
    }
    events.push({ event: 'content_block_stop', data: { type: 'content_block_stop', index } });
  });
  events.push({
    event: 'message_delta',
    data: {
      type: 'message_delta',
      delta: { stop_reason: message.stop_reason, stop_sequence: null },
      usage: { output_tokens: usage.output_tokens },
    },
  });
  events.push({ event: 'message_stop', data: { type: 'message_stop' } });
  return events;
}

/** An OpenAI Chat completion; `toolCalls` are `[id, name, argumentsJson]`. */
export function chatCompletion(
  content: string | null,
  toolCalls: Array<[string, string, string]> = [],
  id = 'chatcmpl-1',
): Record<string, unknown> {
  return {
    id,
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'gpt-4o',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content,
          ...(toolCalls.length > 0
            ? {
                tool_calls: toolCalls.map(([cid, name, args]) => ({
                  id: cid,
                  type: 'function',
                  function: { name, arguments: args },
                })),
              }
            : {}),
        },
        finish_reason: toolCalls.length > 0 ? 'tool_calls' : 'stop',
      },
    ],
    usage: { prompt_tokens: 100, completion_tokens: 10, total_tokens: 110 },
  };
}

/** The SSE chunks of a Chat completion (text in two deltas), ending with `[DONE]`. */
export function chatStream(content: string, id = 'chatcmpl-s'): SseEvent[] {
  const base = { id, object: 'chat.completion.chunk', created: 1_700_000_000, model: 'gpt-4o' };
  const half = Math.floor(content.length / 2);
  return [
    {
      data: {
        ...base,
        choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }],
      },
    },
    {
      data: {
        ...base,
        choices: [{ index: 0, delta: { content: content.slice(0, half) }, finish_reason: null }],
      },
    },
    {
      data: {
        ...base,
        choices: [{ index: 0, delta: { content: content.slice(half) }, finish_reason: null }],
      },
    },
    { data: { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] } },
    { data: '[DONE]' },
  ];
}

/** An OpenAI Responses object; `calls` are `[callId, name, argumentsJson]`. */
export function responsesObject(
  textOut: string | null,
  calls: Array<[string, string, string]> = [],
  id = 'resp_1',
): Record<string, unknown> {
  const output: Record<string, unknown>[] = [];
  if (textOut !== null) {
    output.push({
      type: 'message',
      id: `msg_${id}`,
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', text: textOut, annotations: [] }],
    });
  }
  for (const [callId, name, args] of calls)
    output.push({
      type: 'function_call',
      id: `fc_${callId}`,
      call_id: callId,
      name,
      arguments: args,
      status: 'completed',
    });
  return {
    id,
    object: 'response',
    created_at: 1_700_000_000,
    status: 'completed',
    model: 'gpt-4o',
    output,
    usage: { input_tokens: 100, output_tokens: 10, total_tokens: 110 },
  };
}

type Usage = Record<string, number>;

/**
 * The SSE chunks of a streamed Chat completion with optional text and tool calls (each call's
 * arguments in two deltas), a finish chunk, a usage chunk when `usage` is given (as with
 * `stream_options.include_usage`, which also puts `usage: null` on every other chunk), and `[DONE]`.
 */
export function chatToolStream(
  o: {
    id?: string;
    text?: string;
    calls?: Array<[string, string, string]>;
    usage?: Usage;
    finish?: string;
  } = {},
): SseEvent[] {
  const base = {
    id: o.id ?? 'chatcmpl-s',
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model: 'gpt-4o',
    ...(o.usage ? { usage: null } : {}),
  };
  const chunk = (delta: Record<string, unknown>, finish: string | null = null): SseEvent => ({
    data: { ...base, choices: [{ index: 0, delta, finish_reason: finish }] },
  });
  const events: SseEvent[] = [chunk({ role: 'assistant', content: o.text === undefined ? null : '' })];
  if (o.text) events.push(chunk({ content: o.text }));
  for (const [index, [id, name, args]] of (o.calls ?? []).entries()) {
    const half = Math.floor(args.length / 2);
    events.push(
      chunk({ tool_calls: [{ index, id, type: 'function', function: { name, arguments: '' } }] }),
      chunk({ tool_calls: [{ index, function: { arguments: args.slice(0, half) } }] }),
      chunk({ tool_calls: [{ index, function: { arguments: args.slice(half) } }] }),
    );
  }
  events.push(chunk({}, o.finish ?? ((o.calls ?? []).length > 0 ? 'tool_calls' : 'stop')));
  if (o.usage) events.push({ data: { ...base, choices: [], usage: o.usage } });
  events.push({ data: '[DONE]' });
  return events;
}

/** The SSE events of a Responses object (see `responsesObject`), as the API streams it. */
export function responsesStream(response: Record<string, unknown>): SseEvent[] {
  let seq = 0;
  const ev = (type: string, data: Record<string, unknown>): SseEvent => ({
    event: type,
    data: { type, sequence_number: seq++, ...data },
  });
  const opening = { ...response, status: 'in_progress', output: [], usage: null };
  const events: SseEvent[] = [
    ev('response.created', { response: opening }),
    ev('response.in_progress', { response: opening }),
  ];
  for (const [output_index, item] of (response.output as Block[]).entries()) {
    if (item.type === 'message') {
      const part = (item.content as Block[])[0]!;
      const item_id = item.id;
      events.push(
        ev('response.output_item.added', {
          output_index,
          item: { ...item, status: 'in_progress', content: [] },
        }),
        ev('response.content_part.added', {
          item_id,
          output_index,
          content_index: 0,
          part: { ...part, text: '' },
        }),
        ev('response.output_text.delta', { item_id, output_index, content_index: 0, delta: part.text }),
        ev('response.output_text.done', { item_id, output_index, content_index: 0, text: part.text }),
        ev('response.content_part.done', { item_id, output_index, content_index: 0, part }),
      );
    } else {
      events.push(
        ev('response.output_item.added', {
          output_index,
          item: { ...item, status: 'in_progress', arguments: '' },
        }),
        ev('response.function_call_arguments.delta', {
          item_id: item.id,
          output_index,
          delta: item.arguments,
        }),
        ev('response.function_call_arguments.done', {
          item_id: item.id,
          output_index,
          arguments: item.arguments,
        }),
      );
    }
    events.push(ev('response.output_item.done', { output_index, item }));
  }
  events.push(ev('response.completed', { response }));
  return events;
}
