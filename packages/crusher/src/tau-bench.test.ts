import { type AnyMessage, getTokenizer, MemoryCcrStore, type SmartCrusherConfigInput } from '@headroom/core';
import { goldValues, hasTauBench, loadTauBench, type Trajectory } from '@headroom/core/test-utils';
import { describe, expect, it } from 'vitest';
import { SmartCrusher } from './smart-crusher.js';

/** Gold values as they appear in JSON text: strings quoted. */
const goldInJson = (t: Trajectory) =>
  goldValues(t).map((v) => (typeof v === 'string' ? JSON.stringify(v) : String(v)));

const tokenizer = getTokenizer('gpt-4o');

describe.runIf(hasTauBench())('tau-bench airline tool outputs (real data)', () => {
  const trajectories = loadTauBench();

  it.each<[string, SmartCrusherConfigInput]>([
    ['default config', {}],
    [
      'aggressive config',
      {
        minTokensToCrush: 50,
        maxItemsAfterCrush: 5,
        minK: 2,
        minItemsToCrush: 5,
        lossless: { preferWithin: 1 },
      },
    ],
  ])('keeps every gold-action value in compressed outputs (%s)', (_name, config) => {
    let checked = 0;
    let compressed = 0;
    for (const t of trajectories) {
      const gold = goldInJson(t);
      const out = new SmartCrusher(config, { store: new MemoryCcrStore() }).apply(t.traj, { tokenizer })
        .messages as AnyMessage[];
      t.traj.forEach((m, i) => {
        const before = (m as { content?: unknown }).content;
        const after = (out[i] as { content?: unknown }).content;
        if ((m as { role?: string }).role !== 'tool' || typeof before !== 'string' || before === after)
          return;
        compressed++;
        for (const v of gold) {
          if (!before.includes(v)) continue;
          checked++;
          expect(after, `task ${t.task_id}: ${v} lost`).toContain(v);
        }
      });
    }
    expect(compressed).toBeGreaterThan(0);
    expect(checked).toBeGreaterThan(0);
  });
});
