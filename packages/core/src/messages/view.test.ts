import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyConversationArb } from '../test-utils/arbitraries.js';
import {
  anthropicMessages,
  anthropicSystem,
  chatParallelCalls,
  responsesInput,
} from '../test-utils/payloads.js';
import { getTokenizer } from '../tokenizer/tokenizer.js';
import { pairViolations } from './pairs.js';
import type { AnyMessage, Conversation } from './types.js';
import { countConversation, viewOf } from './view.js';

const tokenizer = getTokenizer('gpt-4o');
const tauBench = JSON.parse(
  readFileSync(new URL('../__fixtures__/tau-bench-airline.json', import.meta.url), 'utf8'),
) as AnyMessage[];

describe('viewOf: entries and slots', () => {
  it('normalizes chat: parallel calls form one tool unit with both results', () => {
    const view = viewOf(chatParallelCalls, { tokenizer });
    expect(view.format).toBe('openai-chat');
    expect(view.entry(2)).toMatchObject({
      role: 'assistant',
      kind: 'tool-call',
      callIds: ['call_paris', 'call_tokyo'],
    });
    expect(view.entry(3)).toMatchObject({ role: 'tool', kind: 'tool-result', resultIds: ['call_paris'] });
    expect(view.unitOf(2)).toMatchObject({ kind: 'tool', entries: [2, 3, 4] });
    const tokyo = view.entry(4)!.slots[0]!;
    expect(tokyo).toMatchObject({
      kind: 'tool-result',
      path: ['content', 0, 'text'],
      toolName: 'get_weather',
      toolArgs: '{"city":"Tokyo"}',
      toolCallId: 'call_tokyo',
    });
    expect(view.lastRealUser()).toBe(6);
    expect(view.entry(6)!.slots.map((s) => s.text)).toEqual(['And this picture?']);
  });

  it('normalizes Anthropic: external system, thinking untouched, mixed user message joins its assistant', () => {
    const conv: Conversation = { format: 'anthropic', system: anthropicSystem, messages: anthropicMessages };
    const view = viewOf(conv, { tokenizer });
    expect(view.entries[0]).toMatchObject({ index: -1, role: 'system' });
    expect(view.entry(-1)!.slots[0]).toMatchObject({ path: [0, 'text'], text: 'You are a coding agent.' });
    const assistant = view.entry(1)!;
    expect(assistant.callIds).toEqual(['toolu_grep', 'toolu_read']);
    expect(assistant.slots.map((s) => s.text)).toEqual(['Searching.']);
    const mixed = view.entry(2)!;
    expect(mixed).toMatchObject({
      role: 'user',
      kind: 'mixed',
      isRealUser: true,
      resultIds: ['toolu_grep', 'toolu_read'],
    });
    expect(mixed.slots.map((s) => [s.kind, s.text])).toEqual([
      ['tool-result', 'src/a.test.ts:12: FAIL expected 2'],
      ['tool-result', 'src/b.test.ts:40: FAIL timeout'],
      ['tool-result', 'ENOENT: no such file'],
      ['user-text', 'Also check the image.'],
    ]);
    expect(mixed.slots[2]).toMatchObject({
      isError: true,
      toolName: 'Read',
      toolArgs: '{"file_path":"config.json"}',
    });
    expect(view.unitOf(1)).toMatchObject({ kind: 'tool', entries: [1, 2] });
    expect(view.unitOf(-1)).toMatchObject({ kind: 'system' });
  });

  it('normalizes Responses: reasoning + message + two calls + outputs are one unit; references stay opaque', () => {
    const view = viewOf(responsesInput, { tokenizer });
    expect(view.entry(0)).toMatchObject({ role: 'system' });
    expect(view.entry(2)).toMatchObject({ role: 'assistant', kind: 'opaque' });
    expect(view.unitOf(2)).toMatchObject({ kind: 'tool', entries: [2, 3, 4, 5, 6, 7] });
    expect(view.entry(6)!.slots[0]).toMatchObject({ path: ['output'], toolName: 'get_invoice' });
    expect(view.entry(8)).toMatchObject({ kind: 'opaque', slots: [] });
    expect(view.entry(9)).toMatchObject({ kind: 'opaque', slots: [] });
    expect(view.unitOf(8)).toMatchObject({ kind: 'assistant', entries: [8, 9] });
    expect(view.lastRealUser()).toBe(10);
  });

  it('reads the bundled tau-bench conversation, whose tool pairs are all valid', () => {
    const view = viewOf(tauBench, { tokenizer });
    const results = view.slots.filter((s) => s.kind === 'tool-result');
    expect(results).toHaveLength(27);
    expect(results.every((s) => s.toolName && s.toolCallId)).toBe(true);
    // The trace reuses call ids: each result is named after the latest earlier call with its id.
    expect(view.entry(5)!.slots[0]!.toolName).toBe('get_user_details');
    expect(view.unitOf(5)!.entries).toEqual([4, 5]);
    expect(pairViolations(tauBench)).toEqual([]);
    expect(view.units.filter((u) => u.kind === 'tool')).toHaveLength(27);
    expect(view.exchanges().length).toBeGreaterThan(27);
  });
});

describe('input types', () => {
  it('accepts SDK-style interfaces without index signatures', () => {
    interface SdkUserMessage {
      role: 'user';
      content: string;
    }
    const messages: SdkUserMessage[] = [{ role: 'user', content: 'hi' }];
    expect(viewOf(messages, { tokenizer }).entries).toHaveLength(1);
    expect(countConversation(messages, tokenizer)).toBe(3 + tokenizer.count('hi') + 3);
  });
});

describe('units (property)', () => {
  it('cover every entry exactly once, and keep each call with its results', () => {
    fc.assert(
      fc.property(anyConversationArb(), ({ conversation }) => {
        const view = viewOf(conversation, { tokenizer });
        const covered = view.units.flatMap((u) => u.entries).sort((a, b) => a - b);
        expect(covered).toEqual(view.entries.map((e) => e.index).sort((a, b) => a - b));
        for (const e of view.entries) {
          for (const id of e.resultIds) {
            const caller = view.entries.find((c) => c.callIds.includes(id))!;
            expect(view.unitOf(caller.index)).toBe(view.unitOf(e.index));
          }
        }
        const exchanged = view.exchanges().flatMap((x) => x.units);
        expect(new Set(exchanged).size).toBe(view.units.filter((u) => u.kind !== 'system').length);
      }),
    );
  });
});

describe('token counts', () => {
  it('count tool-call names, arguments and ids, and cache per message object', () => {
    const view = viewOf(chatParallelCalls, { tokenizer });
    const call = chatParallelCalls[2]!;
    const withoutCalls = { ...call, tool_calls: [] };
    expect(view.entryTokens(2)).toBeGreaterThan(
      viewOf([chatParallelCalls[0]!, chatParallelCalls[1]!, withoutCalls], { tokenizer }).entryTokens(2) + 10,
    );
    expect(countConversation(chatParallelCalls, tokenizer)).toBe(view.totalTokens());
    const image = viewOf([chatParallelCalls[6]!], { tokenizer }).entryTokens(0);
    expect(image).toBe(3 + tokenizer.count('And this picture?') + 85);
  });

  it('counts a plain chat conversation the OpenAI cookbook way', () => {
    const msgs = [
      { role: 'system' as const, content: 'You are helpful.' },
      { role: 'user' as const, content: 'Hello!', name: 'ann' },
    ];
    const expected =
      3 +
      tokenizer.count('You are helpful.') +
      3 +
      tokenizer.count('Hello!') +
      1 +
      tokenizer.count('ann') +
      3;
    expect(countConversation(msgs, tokenizer)).toBe(expected);
  });

  it('never counts signatures or encrypted reasoning as text', () => {
    const conv: Conversation = { format: 'anthropic', messages: [anthropicMessages[3]!] };
    expect(countConversation(conv, tokenizer)).toBe(3 + tokenizer.count('Two failures.') + 3);
  });
});
