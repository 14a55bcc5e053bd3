import { getTokenizer, MemoCache, MemoryCcrStore, parseMarkers, TransformPipeline } from '@headroom/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LLMLinguaCompressor, unloadLlmlinguaModel } from './index.js';
import { captureLog, prose, type TinyModel, writeTinyLinguaModel } from './test-utils/index.js';

let tiny: TinyModel;
const tokenizer = getTokenizer('gpt-4o');

beforeAll(async () => {
  tiny = await writeTinyLinguaModel();
});

afterAll(async () => {
  await unloadLlmlinguaModel();
  await tiny.cleanup();
});

const notes = prose(400, 12);
const json = JSON.stringify(
  Array.from({ length: 60 }, (_, i) => ({ id: i, text: 'the team said the release was late' })),
);

function conversation() {
  return [
    { role: 'system', content: prose(300, 1) },
    { role: 'user', content: `${prose(300, 2)} What did the meeting decide about the database?` },
    { role: 'assistant', content: prose(300, 3) },
    {
      role: 'assistant',
      content: null,
      tool_calls: [
        { id: 'c1', type: 'function', function: { name: 'read_notes', arguments: '{"topic":"database"}' } },
        { id: 'c2', type: 'function', function: { name: 'list_items', arguments: '{}' } },
        { id: 'c3', type: 'function', function: { name: 'headroom_retrieve', arguments: '{"hash":"x"}' } },
      ],
    },
    { role: 'tool', tool_call_id: 'c1', content: notes },
    { role: 'tool', tool_call_id: 'c2', content: json },
    { role: 'tool', tool_call_id: 'c3', content: prose(300, 4) },
  ];
}

const compressor = (store = new MemoryCcrStore()) =>
  new LLMLinguaCompressor(
    { model: tiny.dir, allowRemoteModels: false },
    { store, tokenizer, log: captureLog().log },
  );

describe('apply', () => {
  it('compresses prose tool results only', async () => {
    const input = conversation();
    const store = new MemoryCcrStore();
    const result = await compressor(store).apply(input);
    const out = result.messages as typeof input;
    expect(out.slice(0, 4)).toEqual(input.slice(0, 4));
    expect(out[5]).toBe(input[5]);
    expect(out[6]).toBe(input[6]);
    const compressed = out[4]!.content as string;
    expect(compressed.length).toBeLessThan(notes.length);
    expect(result.transformsApplied).toEqual(['llmlingua:text:read_notes']);
    const [marker] = parseMarkers(compressed);
    expect(result.markersInserted).toEqual([marker!.text]);
    expect(result.ccrHashes).toEqual([marker!.hash]);
    expect((await store.get(marker!.hash))?.original).toBe(notes);
    // The input is not mutated.
    expect(input[4]!.content).toBe(notes);
  });

  it('leaves frozen entries alone and re-sends memoized bytes', async () => {
    const memo = new MemoCache();
    const c = compressor();
    const frozen = await c.apply(conversation(), { frozenMessageCount: 5 });
    expect(frozen.transformsApplied).toEqual([]);
    const first = await c.apply(conversation(), { memo });
    const second = await c.apply(conversation(), { memo, query: 'something else entirely' });
    expect(second.messages).toEqual(first.messages);
  });

  it('runs in a TransformPipeline', async () => {
    const pipeline = new TransformPipeline([compressor()]);
    const result = await pipeline.transform(conversation(), { tokenizer });
    expect(result.tokensAfter).toBeLessThan(result.tokensBefore);
    expect(result.transformsApplied).toEqual(['llmlingua:text:read_notes']);
  });

  it('reports why a result was left alone', async () => {
    const c = new LLMLinguaCompressor(
      { model: '/nonexistent/lingua', allowRemoteModels: false },
      { tokenizer, log: captureLog().log },
    );
    const result = await c.apply(conversation());
    expect(result.warnings).toEqual(['llmlingua:model-unavailable']);
    expect(result.transformsApplied).toEqual([]);
  });
});
