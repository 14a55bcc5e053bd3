import { existsSync, readFileSync } from 'node:fs';
import { type AnyMessage, getTokenizer, MemoryCcrStore, type SmartCrusherConfigInput } from '@headroom/core';
import { describe, expect, it } from 'vitest';
import { SmartCrusher } from './smart-crusher.js';

const FIXTURE = new URL(
  '../../../../shared/fixtures/tau-bench/gpt-4o-airline.tasks-0-9.json',
  import.meta.url,
);

interface Trajectory {
  task_id: number;
  info: { task: { actions: { name: string; kwargs: Record<string, unknown> }[] } };
  traj: AnyMessage[];
}

/** Scalar leaves of the gold actions' arguments: what the agent must still be able to read. */
function goldValues(t: Trajectory): string[] {
  const out = new Set<string>();
  const visit = (v: unknown) => {
    if (typeof v === 'string' && v.length > 1) out.add(JSON.stringify(v));
    else if (typeof v === 'number') out.add(String(v));
    else if (Array.isArray(v)) v.forEach(visit);
    else if (typeof v === 'object' && v !== null) Object.values(v).forEach(visit);
  };
  for (const a of t.info.task.actions) visit(a.kwargs);
  return [...out];
}

const tokenizer = getTokenizer('gpt-4o');

describe.runIf(existsSync(FIXTURE))('tau-bench airline tool outputs (real data)', () => {
  const trajectories = existsSync(FIXTURE) ? (JSON.parse(readFileSync(FIXTURE, 'utf8')) as Trajectory[]) : [];

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
      const gold = goldValues(t);
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
