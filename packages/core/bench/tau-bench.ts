import { existsSync, readFileSync } from 'node:fs';
import { TAU_BENCH_FIXTURE } from './repo-paths.js';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string | null;
  name?: string;
  tool_call_id?: string;
  tool_calls?: { id: string; type: 'function'; function: { name: string; arguments: string } }[];
}

export interface Trajectory {
  task_id: number;
  trial: number;
  info: { task: { instruction: string } };
  traj: ChatMessage[];
}

let cached: Trajectory[] | undefined;

/** The 40 recorded tau-bench airline conversations (GPT-4o with function calling). */
export function tauBenchTrajectories(): Trajectory[] {
  if (!existsSync(TAU_BENCH_FIXTURE)) {
    throw new Error(
      `tau-bench fixture not found at ${TAU_BENCH_FIXTURE}: the benchmarks need the shared/ folder ` +
        'beside the repository (shared/fixtures/tau-bench/gpt-4o-airline.tasks-0-9.json).',
    );
  }
  cached ??= JSON.parse(readFileSync(TAU_BENCH_FIXTURE, 'utf8')) as Trajectory[];
  return cached;
}

/** Every `tool` message content that parses as JSON, in conversation order. */
export function tauBenchJsonToolOutputs(): string[] {
  const outputs: string[] = [];
  for (const { traj } of tauBenchTrajectories()) {
    for (const m of traj) {
      if (m.role !== 'tool' || typeof m.content !== 'string') continue;
      try {
        JSON.parse(m.content);
        outputs.push(m.content);
      } catch {
        // plain-text tool results ("Error: …") are not JSON inputs
      }
    }
  }
  return outputs;
}
