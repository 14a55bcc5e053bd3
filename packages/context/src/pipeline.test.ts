import { MemoryCcrStore, TransformPipeline } from '@headroom/core';
import { describe, expect, it } from 'vitest';
import { IntelligentContextManager } from './intelligent-context.js';
import { RollingWindow } from './rolling-window.js';
import { rows, system, toolCall, toolResult, user } from './test-utils/chat.js';
import { tokenizer, tokensOf } from './test-utils/helpers.js';

function loop(n: number) {
  const out = [system(), user('Check every shard.')];
  for (let i = 0; i < n; i++)
    out.push(toolCall(`c${i}`, 'shard_status', { shard: i }), toolResult(`c${i}`, rows(8, i)));
  return [...out, user('Which ones are down?')];
}

describe('in a TransformPipeline', () => {
  it('runs last as a context manager, takes its budget from the model limit, and stores in the pipeline’s store', async () => {
    const messages = loop(30);
    const store = new MemoryCcrStore();
    const modelLimit = Math.floor(tokensOf(messages) / 2) + 4000;
    const window = new RollingWindow({ preserveRecentTurns: 2 });
    expect(window.role).toBe('context-manager');
    const result = new TransformPipeline([window]).transformSync(messages, { tokenizer, modelLimit, store });
    expect(result.warnings).toEqual([]);
    expect(result.tokensAfter).toBeLessThanOrEqual(modelLimit - 4000);
    expect(result.transformsApplied[0]).toMatch(/^window_cap:\d+$/);
    expect(await store.get(result.ccrHashes[0]!)).toBeDefined();
  });

  it('runs the intelligent manager through the async pipeline', async () => {
    const messages = loop(30);
    const modelLimit = Math.floor(tokensOf(messages) / 2) + 4000;
    const result = await new TransformPipeline([new IntelligentContextManager()]).transform(messages, {
      tokenizer,
      modelLimit,
      store: new MemoryCcrStore(),
    });
    expect(result.transformsApplied[0]).toMatch(/^drop_by_score:\d+$/);
    expect(result.tokensAfter).toBeLessThanOrEqual(modelLimit - 4000);
  });

  it('leaves an under-budget request untouched', () => {
    const messages = loop(3);
    const result = new TransformPipeline([new RollingWindow()]).transformSync(messages, {
      tokenizer,
      model: 'gpt-4o',
    });
    expect(result.messages).toBe(messages);
    expect(result.tokensSaved).toBe(0);
  });
});
