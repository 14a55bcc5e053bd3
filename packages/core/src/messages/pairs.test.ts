import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyConversationArb, conversationArb, formatArb } from '../test-utils/arbitraries.js';
import { anthropicMessages, chatParallelCalls, responsesInput } from '../test-utils/payloads.js';
import { pairViolations } from './pairs.js';
import type { AnyMessage, Conversation } from './types.js';

const codes = (input: readonly AnyMessage[] | Conversation) =>
  pairViolations(input).map((v) => `${v.code}:${v.id ?? v.entry}`);

describe('pairViolations', () => {
  it('finds nothing wrong in valid real-shaped payloads', () => {
    expect(pairViolations(chatParallelCalls)).toEqual([]);
    expect(pairViolations(anthropicMessages)).toEqual([]);
    expect(pairViolations(responsesInput)).toEqual([]);
  });

  it('reports an orphan result with the provider wording', () => {
    const chat = [chatParallelCalls[1]!, ...chatParallelCalls.slice(3)];
    expect(pairViolations(chat)[0]).toMatchObject({
      code: 'orphan-result',
      id: 'call_paris',
      entry: 1,
      message:
        "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.",
    });
    const anthropic = [anthropicMessages[0]!, anthropicMessages[2]!];
    expect(pairViolations(anthropic).map((v) => v.message)).toContain(
      'messages.1.content: unexpected `tool_use_id` found in `tool_result` blocks: toolu_grep. Each `tool_result` block must have a corresponding `tool_use` block in the previous message.',
    );
    const responses = responsesInput.filter((_, i) => i !== 4);
    expect(pairViolations(responses)).toContainEqual(
      expect.objectContaining({
        code: 'orphan-result',
        message: 'No tool call found for function call output with call_id call_a.',
      }),
    );
  });

  it('reports a dangling call unless it is in the final assistant group', () => {
    const chat = [...chatParallelCalls.slice(0, 3), chatParallelCalls[3]!, chatParallelCalls[5]!];
    expect(pairViolations(chat)).toEqual([
      {
        code: 'dangling-call',
        id: 'call_tokyo',
        entry: 2,
        message:
          "An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: call_tokyo",
      },
    ]);
    expect(pairViolations(chatParallelCalls.slice(0, 3))).toEqual([]);
    const anthropic = [
      anthropicMessages[0]!,
      anthropicMessages[1]!,
      { role: 'user' as const, content: 'go on' },
    ];
    expect(codes(anthropic)).toEqual(['dangling-call:toolu_grep', 'dangling-call:toolu_read']);
    expect(pairViolations(anthropic)[0]!.message).toMatch(
      /^messages\.1: `tool_use` ids were found without `tool_result`/,
    );
  });

  it('reports results separated from their call', () => {
    const chat = [
      ...chatParallelCalls.slice(0, 3),
      { role: 'user' as const, content: 'wait' },
      ...chatParallelCalls.slice(3, 5),
    ];
    expect(codes(chat)).toEqual(['not-adjacent:call_paris', 'not-adjacent:call_tokyo']);
    const anthropic = [
      anthropicMessages[0]!,
      anthropicMessages[1]!,
      { role: 'assistant' as const, content: 'x' },
      anthropicMessages[2]!,
    ];
    expect(codes(anthropic)).toContain('not-adjacent:toolu_grep');
  });

  it('pairs reused call ids in order, as recorded agent traces reuse them', () => {
    const call = (id: string, name: string) => ({
      role: 'assistant' as const,
      content: null,
      tool_calls: [{ id, type: 'function', function: { name, arguments: '{}' } }],
    });
    const reused = [
      { role: 'user' as const, content: 'go' },
      call('call_1', 'first'),
      { role: 'tool' as const, tool_call_id: 'call_1', content: 'a' },
      call('call_1', 'second'),
      { role: 'tool' as const, tool_call_id: 'call_1', content: 'b' },
    ];
    expect(pairViolations(reused)).toEqual([]);
    expect(codes([...reused.slice(0, 2), ...reused.slice(3)])).toEqual(['dangling-call:call_1']);
  });

  it('reports a reasoning item split from its following item', () => {
    const split = responsesInput.filter((_, i) => i !== 3 && i !== 4 && i !== 5);
    expect(codes(split)).toContain('reasoning-split:rs_1');
    expect(pairViolations(split).find((v) => v.code === 'reasoning-split')!.message).toBe(
      "Item 'rs_1' of type 'reasoning' was provided without its required following item.",
    );
  });

  it('reports a first non-system message that is not from the user', () => {
    expect(
      codes([
        { role: 'system', content: 's' },
        { role: 'assistant', content: 'hi' },
      ]),
    ).toEqual(['first-not-user:1']);
    expect(
      pairViolations({ format: 'anthropic', messages: [{ role: 'assistant', content: 'x' }] })[0]!.message,
    ).toBe('messages: first message must use the "user" role');
  });

  it('is empty for every generated valid conversation (property)', () => {
    fc.assert(
      fc.property(anyConversationArb(), ({ conversation }) => {
        expect(pairViolations(conversation)).toEqual([]);
      }),
    );
  });

  it('flags exactly the orphan results and dangling calls of generated broken ones (property)', () => {
    fc.assert(
      fc.property(
        formatArb.chain((f) => conversationArb(f, { broken: true })),
        ({ conversation, danglingCalls, orphanResults }) => {
          const expected = [
            ...danglingCalls.map((id) => `dangling-call:${id}`),
            ...orphanResults.map((id) => `orphan-result:${id}`),
          ].sort();
          expect(codes(conversation).sort()).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
