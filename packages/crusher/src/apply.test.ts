import {
  type AnyMessage,
  type Conversation,
  getTokenizer,
  MemoCache,
  MemoryCcrStore,
  pairViolations,
  TransformPipeline,
  viewOf,
} from '@headroom/core';
import { describe, expect, it } from 'vitest';
import { searchResults } from './__fixtures__/generators.js';
import { SmartCrusher } from './smart-crusher.js';

const big = JSON.stringify(searchResults(120));
const tokenizer = getTokenizer('gpt-4o');

const chat: AnyMessage[] = [
  { role: 'system', content: 'You search docs.' },
  { role: 'user', content: 'Find doc_77 about caching' },
  {
    role: 'assistant',
    content: null,
    tool_calls: [
      { id: 'c1', type: 'function', function: { name: 'search', arguments: '{"q":"caching"}' } },
      { id: 'c2', type: 'function', function: { name: 'headroom_retrieve', arguments: '{"hash":"x"}' } },
    ],
  },
  { role: 'tool', tool_call_id: 'c1', content: big },
  { role: 'tool', tool_call_id: 'c2', content: big },
];

const anthropic: Conversation = {
  format: 'anthropic',
  messages: [
    { role: 'user', content: 'Find doc_77' },
    {
      role: 'assistant',
      content: [
        { type: 'tool_use', id: 't1', name: 'search', input: { q: 'doc_77' } },
        { type: 'tool_use', id: 't2', name: 'search', input: { q: 'x' } },
      ],
    },
    {
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 't1', content: [{ type: 'text', text: big }] },
        { type: 'tool_result', tool_use_id: 't2', content: big, is_error: true },
      ],
    },
  ],
};

const responses: AnyMessage[] = [
  { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Find doc_77' }] },
  { type: 'function_call', call_id: 'f1', name: 'search', arguments: '{"q":"doc_77"}' },
  { type: 'function_call_output', call_id: 'f1', output: big },
];

describe('SmartCrusher.apply', () => {
  it('compresses chat tool outputs, skipping excluded tools, and keeps the asked-for item', () => {
    const store = new MemoryCcrStore();
    const r = new SmartCrusher({}, { store }).apply(chat, { tokenizer });
    const out = r.messages as AnyMessage[];
    expect((out[3] as { content: string }).content.length).toBeLessThan(big.length / 2);
    expect((out[3] as { content: string }).content).toContain('"doc_77"');
    expect(out[4]).toBe(chat[4]);
    expect(out[0]).toBe(chat[0]);
    expect(r.transformsApplied).toEqual([expect.stringMatching(/^smart_crusher:search:top_n\(120->\d+\)$/)]);
    expect(r.ccrHashes).toHaveLength(1);
    expect(r.markersInserted[0]).toContain(r.ccrHashes[0]);
    expect(pairViolations(out)).toEqual([]);
  });

  it('compresses Anthropic tool_result blocks but never error results', () => {
    const r = new SmartCrusher({}, { store: new MemoryCcrStore() }).apply(anthropic, { tokenizer });
    const content = (r.messages as Conversation).messages[2]!.content as Record<string, unknown>[];
    expect((content[0]!.content as { text: string }[])[0]!.text.length).toBeLessThan(big.length / 2);
    expect(content[1]).toBe((anthropic.messages[2]!.content as unknown[])[1]);
  });

  it('compresses Responses function_call_output items', () => {
    const r = new SmartCrusher({}, { store: new MemoryCcrStore() }).apply(responses, { tokenizer });
    expect(((r.messages as AnyMessage[])[2] as { output: string }).output.length).toBeLessThan(
      big.length / 2,
    );
  });

  it('leaves frozen messages alone and returns the input when nothing applies', () => {
    const c = new SmartCrusher({}, { store: new MemoryCcrStore() });
    const frozen = c.apply(chat, { tokenizer, frozenMessageCount: 5 });
    expect(frozen.messages).toBe(chat);
    expect(frozen.transformsApplied).toEqual([]);
  });

  it('memoizes by content: a later turn with another question re-sends identical bytes', () => {
    const memo = new MemoCache();
    const store = new MemoryCcrStore();
    const c = new SmartCrusher({}, { store });
    const first = c.apply(chat, { tokenizer, memo });
    const later = [
      ...chat,
      { role: 'assistant', content: 'Found it.' },
      { role: 'user', content: 'now doc_5 please' },
    ] as AnyMessage[];
    const second = c.apply(later, { tokenizer, memo });
    expect((second.messages as AnyMessage[])[3]).toEqual((first.messages as AnyMessage[])[3]);
    expect(second.ccrHashes).toEqual(first.ccrHashes);
  });

  it('runs in the pipeline with measured savings', async () => {
    const result = await new TransformPipeline([
      new SmartCrusher({}, { store: new MemoryCcrStore() }),
    ]).transform(chat, {
      tokenizer,
    });
    expect(result.tokensSaved).toBeGreaterThan(1000);
    expect(result.tokensAfter).toBe(viewOf(result.messages, { tokenizer }).totalTokens());
    expect(result.warnings).toEqual([]);
  });
});
