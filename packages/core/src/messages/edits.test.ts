import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HeadroomError } from '../errors.js';
import { anyConversationArb } from '../test-utils/arbitraries.js';
import {
  anthropicMessages,
  anthropicSystem,
  chatParallelCalls,
  responsesInput,
} from '../test-utils/payloads.js';
import { getTokenizer } from '../tokenizer/tokenizer.js';
import { fromConversation, toConversation } from './conversation.js';
import { applyEdits } from './edits.js';
import { renderMessage } from './render.js';
import type { Conversation } from './types.js';
import { viewOf } from './view.js';

const tokenizer = getTokenizer('gpt-4o');

describe('applyEdits', () => {
  it('replaces a slot by copying only along its path; other messages keep their identity', () => {
    const conv: Conversation = { format: 'anthropic', system: anthropicSystem, messages: anthropicMessages };
    const snapshot = structuredClone(conv);
    const slot = viewOf(conv, { tokenizer }).entry(2)!.slots[1]!;
    const out = applyEdits(conv, [{ op: 'replace', slot, text: 'compressed' }]);
    expect(conv).toEqual(snapshot);
    expect(out.messages[0]).toBe(conv.messages[0]);
    expect(out.messages[1]).toBe(conv.messages[1]);
    expect(out.messages[3]).toBe(conv.messages[3]);
    expect(out.system).toBe(conv.system);
    const before = conv.messages[2]!.content as Record<string, unknown>[];
    const after = out.messages[2]!.content as Record<string, unknown>[];
    expect(after[0]).not.toBe(before[0]);
    expect((after[0]!.content as { text: string }[])[1]!.text).toBe('compressed');
    expect((after[0]!.content as unknown[])[0]).toBe((before[0]!.content as unknown[])[0]);
    expect(after[1]).toBe(before[1]);
    expect(after[3]).toBe(before[3]);
  });

  it('edits the external system prompt and keeps cache_control byte-exact', () => {
    const conv: Conversation = { format: 'anthropic', system: anthropicSystem, messages: anthropicMessages };
    const slot = viewOf(conv, { tokenizer }).entry(-1)!.slots[0]!;
    const out = applyEdits(conv, [{ op: 'replace', slot, text: 'Stable.' }]);
    expect(out.system).toEqual([{ type: 'text', text: 'Stable.', cache_control: { type: 'ephemeral' } }]);
    expect(out.messages).toEqual(conv.messages);
  });

  it('drops whole units and refuses to split one', () => {
    const conv = toConversation(chatParallelCalls);
    const out = applyEdits(conv, [{ op: 'drop', entries: [2, 3, 4] }]);
    expect(out.messages).toHaveLength(4);
    expect(() => applyEdits(conv, [{ op: 'drop', entries: [2, 3] }])).toThrow(HeadroomError);
    try {
      applyEdits(conv, [{ op: 'drop', entries: [3] }]);
    } catch (error) {
      expect((error as HeadroomError).code).toBe('PAIR_INVARIANT');
    }
  });

  it('inserts rendered messages in the wire shape, at positions of the input', () => {
    const conv = toConversation(responsesInput);
    const out = applyEdits(conv, [
      { op: 'insert', before: 0, message: { role: 'user', text: 'first' } },
      { op: 'insert', before: responsesInput.length, message: { role: 'assistant', text: 'last' } },
      { op: 'drop', entries: [8, 9] },
    ]);
    expect(out.messages[0]).toEqual(renderMessage('openai-responses', { role: 'user', text: 'first' }));
    expect(out.messages.at(-1)).toEqual({
      type: 'message',
      role: 'assistant',
      content: [{ type: 'output_text', text: 'last' }],
    });
    expect(out.messages).toHaveLength(responsesInput.length + 2 - 2);
  });

  it('renders plain messages per format', () => {
    expect(renderMessage('openai-chat', { role: 'user', text: 'x' })).toEqual({ role: 'user', content: 'x' });
    expect(renderMessage('anthropic', { role: 'user', text: 'x' })).toEqual({
      role: 'user',
      content: [{ type: 'text', text: 'x' }],
    });
  });

  it('never mutates its input and keeps untouched messages === (property)', () => {
    fc.assert(
      fc.property(anyConversationArb(), fc.nat(), fc.string(), ({ conversation }, pick, text) => {
        const view = viewOf(conversation, { tokenizer });
        if (view.slots.length === 0) return;
        const slot = view.slots[pick % view.slots.length]!;
        const snapshot = structuredClone(conversation);
        const out = applyEdits(conversation, [{ op: 'replace', slot, text }]);
        expect(conversation).toEqual(snapshot);
        out.messages.forEach((m, i) => {
          if (i !== slot.entry) expect(m).toBe(conversation.messages[i]);
        });
        expect(
          viewOf(out, { tokenizer }).slots.find(
            (s) => s.entry === slot.entry && s.path.join() === slot.path.join(),
          )?.text,
        ).toBe(text);
      }),
    );
  });
});

describe('toConversation / fromConversation', () => {
  it('round-trips arrays and conversations unchanged (property)', () => {
    fc.assert(
      fc.property(anyConversationArb(), ({ conversation }) => {
        const array = conversation.messages;
        const snapshot = structuredClone(array);
        expect(fromConversation(toConversation(array), array)).toEqual(snapshot);
        expect(fromConversation(toConversation(conversation), conversation)).toEqual(conversation);
      }),
    );
  });
});
