/** fast-check generators of requests in the three wire formats around a generated system prompt. */
import type { AnyMessage, Conversation, WireFormat } from '@headroom/core';
import fc from 'fast-check';

export type Ending = 'user' | 'tool' | 'prefill';

export interface RequestSpec {
  format: WireFormat;
  turns: ('text' | 'tool')[];
  ending: Ending;
  userAsParts: boolean;
  systemAsBlocks: boolean;
}

export const requestSpecArb: fc.Arbitrary<RequestSpec> = fc.record({
  format: fc.constantFrom<WireFormat>('openai-chat', 'anthropic', 'openai-responses'),
  turns: fc.array(fc.constantFrom<'text' | 'tool'>('text', 'tool'), { maxLength: 4 }),
  ending: fc.constantFrom<Ending>('user', 'tool', 'prefill'),
  userAsParts: fc.boolean(),
  systemAsBlocks: fc.boolean(),
});

function user(spec: RequestSpec, text: string): AnyMessage {
  switch (spec.format) {
    case 'openai-responses':
      return spec.userAsParts
        ? { type: 'message', role: 'user', content: [{ type: 'input_text', text }] }
        : { role: 'user', content: text };
    default:
      return { role: 'user', content: spec.userAsParts ? [{ type: 'text', text }] : text };
  }
}

function assistant(spec: RequestSpec, text: string): AnyMessage {
  if (spec.format === 'openai-responses') {
    return { type: 'message', role: 'assistant', content: [{ type: 'output_text', text }] };
  }
  return { role: 'assistant', content: text };
}

function toolExchange(spec: RequestSpec, id: string): AnyMessage[] {
  switch (spec.format) {
    case 'openai-chat':
      return [
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id, type: 'function', function: { name: 'find', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: id, content: '{"found":true}  ' },
      ];
    case 'anthropic':
      return [
        { role: 'assistant', content: [{ type: 'tool_use', id, name: 'find', input: {} }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content: 'found  ' }] },
      ];
    case 'openai-responses':
      return [
        { type: 'function_call', call_id: id, name: 'find', arguments: '{}' },
        { type: 'function_call_output', call_id: id, output: '{"found":true}' },
      ];
  }
}

/** A request with `system` as its system prompt; Chat carries it as a leading system message. */
export function buildRequest(spec: RequestSpec, system: string): Conversation | AnyMessage[] {
  const messages: AnyMessage[] = [];
  spec.turns.forEach((turn, i) => {
    messages.push(user(spec, `Question ${i}  with trailing blanks  `));
    if (turn === 'tool') messages.push(...toolExchange(spec, `call_${i}`));
    messages.push(assistant(spec, `Answer ${i}`));
  });
  messages.push(user(spec, 'Latest question'));
  if (spec.ending === 'tool') messages.push(...toolExchange(spec, 'call_last'));
  if (spec.ending === 'prefill' && spec.format !== 'openai-responses')
    messages.push(assistant(spec, '{"a":'));
  if (spec.format === 'openai-chat') {
    const content = spec.systemAsBlocks ? [{ type: 'text', text: system }] : system;
    return [{ role: 'system', content }, ...messages];
  }
  const blocks = spec.format === 'anthropic' && spec.systemAsBlocks;
  return { format: spec.format, system: blocks ? [{ type: 'text', text: system }] : system, messages };
}
