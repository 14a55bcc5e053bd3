import { existsSync, readFileSync } from 'node:fs';
import type { AnyMessage } from '@headroom/core';
import type { ConversationCase } from '../case.js';

export const TAU_BENCH_FILE = new URL(
  '../../../../../../shared/fixtures/tau-bench/gpt-4o-airline.tasks-0-9.json',
  import.meta.url,
);

interface Trajectory {
  task_id: number;
  trial: number;
  info: { task: { actions: { name: string; kwargs: Record<string, unknown> }[] } };
  traj: AnyMessage[];
}

/** Every scalar leaf of a value, as the text an agent would have to read back. */
function leaves(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap(leaves);
  if (typeof value === 'object') return Object.values(value).flatMap(leaves);
  return [String(value)];
}

function toolText(messages: readonly AnyMessage[]): string {
  return messages
    .filter((m) => 'role' in m && m.role === 'tool')
    .map((m) => String((m as { content?: unknown }).content ?? ''))
    .join('\n');
}

/**
 * The recorded tau-bench airline trajectories. Gold values: the gold actions' argument values that
 * the agent could only have learned from a tool output (they occur in one), minus trivial ones.
 */
export function tauBenchCases(file: URL = TAU_BENCH_FILE): ConversationCase[] {
  if (!existsSync(file)) return [];
  const runs = JSON.parse(readFileSync(file, 'utf8')) as Trajectory[];
  return runs.map((run) => {
    const tools = toolText(run.traj);
    const gold = [...new Set(run.info.task.actions.flatMap((a) => leaves(a.kwargs)))].filter(
      (v) => v.length >= 3 && tools.includes(v),
    );
    return {
      id: `tau-airline-${run.task_id}-${run.trial}`,
      kind: 'conversation: tau-bench airline',
      origin: 'fixture',
      messages: run.traj,
      mustKeep: [],
      goldValues: gold,
    };
  });
}
