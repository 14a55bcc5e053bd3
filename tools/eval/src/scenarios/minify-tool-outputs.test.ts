import { type ChatMessage, getTokenizer, TransformPipeline } from '@headroom/core';
import { describe, expect, it } from 'vitest';
import { MinifyToolOutputs } from './minify-tool-outputs.js';

const messages = (output: string): ChatMessage[] => [
  { role: 'user', content: '{ "not": "a tool output" }' },
  {
    role: 'assistant',
    content: null,
    tool_calls: [{ id: 'c1', type: 'function', function: { name: 'find', arguments: '{}' } }],
  },
  { role: 'tool', tool_call_id: 'c1', content: output },
];

describe('MinifyToolOutputs', () => {
  const pipeline = new TransformPipeline([new MinifyToolOutputs()]);
  const tokenizer = getTokenizer('gpt-4o');

  it('minifies JSON tool outputs losslessly and leaves everything else alone', () => {
    const input = messages(JSON.stringify({ id: 'ord-1', items: [1, 2] }, null, 2));
    const out = pipeline.transformSync(input, { tokenizer });
    expect(out.messages[2]!.content).toBe('{"id":"ord-1","items":[1,2]}');
    expect(out.messages[0]).toBe(input[0]);
    expect(out.tokensSaved).toBeGreaterThan(0);
  });

  it('keeps big numbers byte-exact and passes text and compact JSON through', () => {
    const big = '{\n  "n": 12345678901234567890\n}';
    expect(pipeline.transformSync(messages(big), { tokenizer }).messages[2]!.content).toBe(
      '{"n":12345678901234567890}',
    );
    for (const output of ['plain log line', '{"a":1}']) {
      const input = messages(output);
      expect(pipeline.transformSync(input, { tokenizer }).messages).toBe(input);
    }
  });

  it('re-sends the same bytes on every request', () => {
    const output = JSON.stringify({ rows: [{ a: 1 }, { a: 2 }] }, null, 2);
    const first = pipeline.transformSync(messages(output), { tokenizer }).messages[2]!.content;
    const again = pipeline.transformSync(messages(output), { tokenizer }).messages[2]!.content;
    expect(again).toBe(first);
  });
});
