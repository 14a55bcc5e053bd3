import { CacheAligner } from '@headroom/aligner';
import { IntelligentContextManager, RollingWindow } from '@headroom/context';
import {
  type AnyMessage,
  type ChatMessage,
  MemoryCcrStore,
  type Transform,
  type TransformPipeline,
} from '@headroom/core';
import {
  assistant,
  goldValues,
  hasTauBench,
  loadTauBench,
  system,
  toolCall,
  toolResult,
  user,
} from '@headroom/core/test-utils';
import { describe, expect, it } from 'vitest';
import { compress } from './compress.js';
import { ContentRouter } from './content-router.js';
import { createDefaultPipeline } from './default-pipeline.js';
import { grepOutput, jsonItems, logOutput } from './test-utils/samples.js';

const steps = (p: TransformPipeline) => (p as unknown as { transforms: Transform[] }).transforms;

describe('createDefaultPipeline', () => {
  it("is [CacheAligner, ContentRouter, RollingWindow] in the seed's order", () => {
    const names = steps(createDefaultPipeline()).map((t) => t.constructor);
    expect(names).toEqual([CacheAligner, ContentRouter, RollingWindow]);
  });

  it("'intelligent' swaps in IntelligentContextManager with a relaxed router as its compressor", () => {
    const list = steps(createDefaultPipeline({ contextManager: 'intelligent' }));
    const icm = list[2] as IntelligentContextManager;
    expect(icm).toBeInstanceOf(IntelligentContextManager);
    const compressor = (icm as unknown as { deps: { compressor: ContentRouter } }).deps.compressor;
    expect(compressor.config).toMatchObject({ minSectionTokens: 20, acceptRatio: 0.9, protectRecentCode: 0 });
    expect(steps(createDefaultPipeline({ contextManager: 'none' }))).toHaveLength(2);
  });
});

describe('compress()', () => {
  const conversation = (): ChatMessage[] => [
    system('You are an operations agent.'),
    user('Which orders failed today?'),
    toolCall('a', 'list_orders', { day: 'today' }),
    toolResult('a', jsonItems(300)),
    toolCall('b', 'Grep', { pattern: 'fetch' }),
    toolResult('b', grepOutput(300)),
    toolCall('c', 'Bash', { command: 'tail app.log' }),
    toolResult('c', logOutput(400)),
    assistant('Order ord_1180 failed.'),
    user('Why?'),
  ];

  it("returns the seed's result shape and saves tokens", async () => {
    const r = await compress(conversation(), { model: 'gpt-4o', store: new MemoryCcrStore() });
    expect(r.tokensSaved).toBe(r.tokensBefore - r.tokensAfter);
    expect(r.tokensAfter).toBeLessThan(r.tokensBefore * 0.3);
    expect(r.transformsApplied.some((t) => t.startsWith('router:list_orders:smart_crusher'))).toBe(true);
    expect(r.ccrHashes.length).toBe(3);
    expect(r.warnings).toEqual([]);
    expect(JSON.stringify(r.messages)).toContain('ord_1180');
  });

  it('a later call returns byte-identical text for the same tool outputs (memo across calls)', async () => {
    const store = new MemoryCcrStore();
    const first = await compress(conversation(), { model: 'gpt-4o', store });
    const next = [...conversation(), assistant('Looking.'), user('And yesterday?')];
    const second = await compress(next, { model: 'gpt-4o', store });
    const later = second.messages as ChatMessage[];
    (first.messages as ChatMessage[]).forEach((m, i) => {
      expect(later[i]!.content).toBe(m.content);
    });
  });

  it('never throws: a broken pipeline returns the input with a warning', async () => {
    const poisoned = {
      get role(): string {
        throw new Error('boom');
      },
    } as unknown as ChatMessage;
    const input = [user('hi'), poisoned];
    const r = await compress(input, { store: new MemoryCcrStore() });
    expect(r.messages).toBe(input);
    expect(r.tokensSaved).toBe(0);
    expect(r.warnings.length).toBeGreaterThan(0);
  });

  it('a conversation under budget changes only inside tool results', async () => {
    const input = conversation();
    const r = await compress(input, { model: 'gpt-4o', store: new MemoryCcrStore() });
    (r.messages as ChatMessage[]).forEach((m, i) => {
      if (m.role !== 'tool') expect(m).toEqual(input[i]);
    });
  });
});

describe.runIf(hasTauBench())('compress() on the tau-bench airline conversations (real data)', () => {
  const trajectories = loadTauBench();

  it('keeps every gold-action argument that the tool outputs held', async () => {
    let checked = 0;
    let compressedResults = 0;
    for (const t of trajectories) {
      const gold = goldValues(t);
      const r = await compress(t.traj, {
        model: 'gpt-4o',
        store: new MemoryCcrStore(),
        config: { contentRouter: { minSectionTokens: 50 } },
      });
      expect(r.warnings).toEqual([]);
      const out = r.messages as AnyMessage[];
      t.traj.forEach((m, i) => {
        const before = (m as { content?: unknown }).content;
        const after = (out[i] as { content?: unknown }).content;
        if ((m as { role?: string }).role !== 'tool' || typeof before !== 'string' || before === after)
          return;
        compressedResults++;
        for (const v of gold) {
          if (!before.includes(String(v))) continue;
          checked++;
          expect(after, `task ${t.task_id}: ${v} lost`).toContain(String(v));
        }
      });
    }
    expect(compressedResults).toBeGreaterThan(0);
    expect(checked).toBeGreaterThan(0);
  });

  it('is deterministic: two runs give the same bytes', async () => {
    const t = trajectories[0]!;
    const a = await compress(t.traj, { store: new MemoryCcrStore() });
    const b = await compress(t.traj, { store: new MemoryCcrStore() });
    expect(JSON.stringify(a.messages)).toBe(JSON.stringify(b.messages));
  });
});
