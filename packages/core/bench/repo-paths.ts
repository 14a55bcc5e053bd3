import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// This file is packages/core/bench/repo-paths.ts.
const ROOT = new URL('../../../', import.meta.url);

/** The tau-bench airline trajectories, in the `shared/` folder beside the repository. */
export const TAU_BENCH_FIXTURE = fileURLToPath(
  new URL('../shared/fixtures/tau-bench/gpt-4o-airline.tasks-0-9.json', ROOT),
);

/** An absolute path to a file under the repository root; throws with `hint` when it is missing. */
export function repoFile(relative: string, hint: string): string {
  const path = fileURLToPath(new URL(relative, ROOT));
  if (!existsSync(path)) throw new Error(`Bench input missing: ${path} (${hint})`);
  return path;
}
