import { type AnthropicMessage, type Conversation, structureSignature, viewOf } from '@headroom/core';
import { describe, expect, it } from 'vitest';
import { entryFeatures } from './entry-features.js';
import { assistant, toolCall, toolResult, user } from './test-utils/chat.js';
import { tokenizer } from './test-utils/helpers.js';

const featuresOf = (messages: object[], index: number) =>
  entryFeatures(viewOf(messages, { tokenizer }), index);

describe('entryFeatures', () => {
  it('is computed once per wire object', () => {
    const messages = [user('Deploy HAT001 now.'), assistant('Done.')];
    const first = featuresOf(messages, 0);
    expect(featuresOf(messages, 0)).toBe(first);
    expect(featuresOf([{ ...messages[0] }], 0)).not.toBe(first);
    expect(first.terms).toEqual(
      new Map([
        ['deploy', 1],
        ['hat001', 1],
        ['now', 1],
      ]),
    );
    expect(first.words).toBe(3);
    expect(first.distinctive).toEqual(['hat001']);
  });

  it('reads errors from values: JSON items, text lines, never key names alone', () => {
    const call = toolCall('a', 'jobs');
    const result = (content: string) =>
      featuresOf([user('go'), call, toolResult('a', content)], 2).valueError;
    expect(result('[{"job":1,"status":"ok"},{"job":2,"status":"failed"}]')).toBe(true);
    expect(result('{"error":null,"error_rate":0.02,"status":"ok"}')).toBe(false);
    expect(result('line one\nTraceback (most recent call last):')).toBe(true);
    expect(result('all good\nno problems')).toBe(false);
    expect(featuresOf([assistant('The request timed out twice.')], 0).valueError).toBe(true);
  });

  it('takes the protocol error flag from Anthropic results, even without text', () => {
    const messages: AnthropicMessage[] = [
      { role: 'user', content: 'go' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'deploy', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: '', is_error: true }] },
    ];
    const conv: Conversation = { format: 'anthropic', messages };
    const features = entryFeatures(viewOf(conv, { tokenizer }), 2);
    expect(features.flaggedError).toBe(true);
  });

  it('knows JSON outputs by the structure signature TOIN learns them under', () => {
    const rows = [
      { id: 1, name: 'a' },
      { id: 2, name: 'b' },
    ];
    const call = toolCall('a', 'list');
    const list = featuresOf([user('go'), call, toolResult('a', JSON.stringify(rows))], 2);
    expect(list.batches).toEqual([{ signature: structureSignature(rows), items: rows }]);
    const wrapped = featuresOf(
      [user('go'), call, toolResult('a', JSON.stringify({ total: 2, results: rows }))],
      2,
    );
    expect(wrapped.batches[0]!.signature).toBe(structureSignature(rows));
    const single = featuresOf([user('go'), call, toolResult('a', '{"id":1}')], 2);
    expect(single.batches[0]!.signature).toBe(structureSignature([{ id: 1 }]));
    expect(featuresOf([user('go'), call, toolResult('a', 'plain text')], 2).batches).toEqual([]);
  });
});
