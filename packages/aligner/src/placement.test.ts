import { type AnthropicMessage, type ChatMessage, type Conversation, pairViolations } from '@headroom/core';
import { describe, expect, it } from 'vitest';
import { CacheAligner } from './cache-aligner.js';
import { FILLER } from './test-utils/prompts.js';

const SYSTEM = `${FILLER}\nToday is January 7, 2025.`;
const TAIL_TEXT = '[Dynamic Context]\nToday is January 7, 2025.';
const APPENDED = `\n\n---\n${TAIL_TEXT}`;

const toolLoop = (): ChatMessage[] => [
  { role: 'system', content: SYSTEM },
  { role: 'user', content: 'Find the order.' },
  {
    role: 'assistant',
    content: null,
    tool_calls: [{ id: 'c1', type: 'function', function: { name: 'find', arguments: '{}' } }],
  },
  { role: 'tool', tool_call_id: 'c1', content: '{"id":1}' },
];

describe("placement 'end'", () => {
  it('appends to a final Chat user message', () => {
    const messages: ChatMessage[] = [
      { role: 'system', content: SYSTEM },
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
    ];
    const out = new CacheAligner().align(messages).messages;
    expect(out[1]).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'Hi' },
        { type: 'text', text: TAIL_TEXT },
      ],
    });
  });

  it('adds one user message after final tool messages', () => {
    const messages = toolLoop();
    const out = new CacheAligner().align(messages).messages;
    expect(out.slice(1, 4)).toEqual(messages.slice(1, 4));
    for (const [i, m] of out.slice(1, 4).entries()) expect(m).toBe(messages[i + 1]);
    expect(out[4]).toEqual({ role: 'user', content: TAIL_TEXT });
    expect(pairViolations(out)).toEqual([]);
  });

  it('adds a text block after the tool_result blocks of a final Anthropic user message', () => {
    const call: AnthropicMessage = {
      role: 'assistant',
      content: [{ type: 'tool_use', id: 't1', name: 'find', input: {} }],
    };
    const results: AnthropicMessage = {
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 't1', content: 'ok', cache_control: { type: 'ephemeral' } },
      ],
    };
    const conv: Conversation = {
      format: 'anthropic',
      system: SYSTEM,
      messages: [{ role: 'user', content: 'Go' }, call, results],
    };
    const out = new CacheAligner().align(conv).messages;
    expect(out.messages[1]).toBe(call);
    expect(out.messages[2]).toEqual({
      role: 'user',
      content: [...(results.content as object[]), { type: 'text', text: TAIL_TEXT }],
    });
    expect(pairViolations(out)).toEqual([]);
  });

  it('appends to a string content of a final Anthropic user message', () => {
    const conv: Conversation = {
      format: 'anthropic',
      system: SYSTEM,
      messages: [{ role: 'user', content: 'Hi' }],
    };
    expect(new CacheAligner().align(conv).messages.messages[0]).toEqual({
      role: 'user',
      content: `Hi${APPENDED}`,
    });
  });

  it('puts the tail in the last user message when the request ends with an assistant prefill', () => {
    const prefill: AnthropicMessage = { role: 'assistant', content: '{"answer":' };
    const conv: Conversation = {
      format: 'anthropic',
      system: SYSTEM,
      messages: [{ role: 'user', content: 'Answer in JSON.' }, prefill],
    };
    const out = new CacheAligner().align(conv).messages;
    expect(out.messages[0]).toEqual({ role: 'user', content: `Answer in JSON.${APPENDED}` });
    expect(out.messages[1]).toBe(prefill);
  });

  it('falls back to the system prompt when there is no conversation yet', () => {
    const result = new CacheAligner().align([{ role: 'system', content: SYSTEM }]);
    expect(result.messages).toEqual([{ role: 'system', content: `${FILLER}${APPENDED}` }]);
    expect(result.warnings).toEqual(['cache_aligner:placement_fallback']);
  });
});

describe("placement 'last-user'", () => {
  const aligner = new CacheAligner({ placement: 'last-user' });

  it('appends to the last user message, string or parts', () => {
    const asString: ChatMessage[] = [
      { role: 'system', content: SYSTEM },
      { role: 'user', content: 'First' },
      { role: 'assistant', content: 'Ok' },
      { role: 'user', content: 'Second' },
      { role: 'assistant', content: 'Sure' },
    ];
    const out = aligner.align(asString).messages;
    expect(out[3]).toEqual({ role: 'user', content: `Second${APPENDED}` });
    for (const i of [1, 2, 4]) expect(out[i]).toBe(asString[i]);

    const asParts: Conversation = {
      format: 'openai-responses',
      system: SYSTEM,
      messages: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hi' }] }],
    };
    expect(aligner.align(asParts).messages.messages[0]).toEqual({
      type: 'message',
      role: 'user',
      content: [
        { type: 'input_text', text: 'Hi' },
        { type: 'input_text', text: TAIL_TEXT },
      ],
    });
  });

  it('falls back to the system prompt in a tool loop', () => {
    const messages = toolLoop();
    const result = aligner.align(messages);
    expect(result.warnings).toEqual(['cache_aligner:placement_fallback']);
    expect(result.messages[0]).toEqual({ role: 'system', content: `${FILLER}${APPENDED}` });
    for (const [i, m] of result.messages.slice(1).entries()) expect(m).toBe(messages[i + 1]);
  });
});

describe("placement 'system-tail'", () => {
  it('appends to the last text part of the system prompt and touches nothing else', () => {
    const messages: ChatMessage[] = [
      {
        role: 'system',
        content: [
          { type: 'text', text: FILLER },
          { type: 'text', text: 'Today is January 7, 2025. Be brief.' },
        ],
      },
      { role: 'user', content: 'Hi' },
    ];
    const out = new CacheAligner({ placement: 'system-tail' }).align(messages).messages;
    expect(out[0]!.content).toEqual([
      { type: 'text', text: FILLER },
      { type: 'text', text: `Be brief.${APPENDED}` },
    ]);
    expect(out[1]).toBe(messages[1]);
  });
});
