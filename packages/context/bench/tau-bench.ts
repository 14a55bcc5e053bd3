import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ChatMessage, getTokenizer, viewOf } from '@headroom/core';

// This file is packages/context/bench/tau-bench.ts; the fixture lives in shared/ beside the repository.
const FIXTURE = fileURLToPath(
  new URL('../../../../shared/fixtures/tau-bench/gpt-4o-airline.tasks-0-9.json', import.meta.url),
);

interface Trajectory {
  traj: ChatMessage[];
}

/**
 * One long agent conversation of exactly `exchanges` exchanges (core's definition: a tool unit, or
 * a user message with its reply), made of the 40 recorded tau-bench airline conversations (GPT-4o
 * with function calling) one after another under the first one's system prompt.
 */
export function tauBenchConversation(exchanges: number): ChatMessage[] {
  if (!existsSync(FIXTURE)) {
    throw new Error(
      `tau-bench fixture not found at ${FIXTURE}: the benchmarks need the shared/ folder beside the repository.`,
    );
  }
  const trajectories = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Trajectory[];
  const all: ChatMessage[] = [];
  for (const { traj } of trajectories) all.push(...traj.slice(all.length === 0 ? 0 : 1));
  const view = viewOf(all, { tokenizer: getTokenizer('gpt-4o') });
  const found = view.exchanges();
  if (found.length < exchanges)
    throw new Error(`tau-bench has ${found.length} exchanges, ${exchanges} asked`);
  return all.slice(0, found[exchanges - 1]!.last + 1);
}
