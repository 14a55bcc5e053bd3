/** The tau-bench airline trajectories in `shared/fixtures` (real agent conversations with gold actions). */
import { existsSync, readFileSync } from 'node:fs';
import type { AnyMessage } from '../messages/types.js';

export const TAU_BENCH_FIXTURE = new URL(
  '../../../../../shared/fixtures/tau-bench/gpt-4o-airline.tasks-0-9.json',
  import.meta.url,
);

export interface Trajectory {
  task_id: number;
  info: { task: { actions: { name: string; kwargs: Record<string, unknown> }[] } };
  traj: AnyMessage[];
}

export const hasTauBench = (): boolean => existsSync(TAU_BENCH_FIXTURE);

export function loadTauBench(): Trajectory[] {
  return hasTauBench() ? (JSON.parse(readFileSync(TAU_BENCH_FIXTURE, 'utf8')) as Trajectory[]) : [];
}

/** Scalar leaves of the gold actions' arguments: what the agent must still be able to read. */
export function goldValues(t: Trajectory): (string | number)[] {
  const out = new Set<string | number>();
  const visit = (v: unknown) => {
    if ((typeof v === 'string' && v.length > 1) || typeof v === 'number') out.add(v);
    else if (Array.isArray(v)) v.forEach(visit);
    else if (typeof v === 'object' && v !== null) Object.values(v).forEach(visit);
  };
  for (const a of t.info.task.actions) visit(a.kwargs);
  return [...out];
}
