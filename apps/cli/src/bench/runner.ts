import { MemoryCcrStore } from '@headroom/core';
import { compressContent, isCodeAwareAvailable } from '@headroom/router';
import { routeHints } from '../route-hints.js';
import type { BenchResult } from '../schemas.js';
import { countNeedles } from './needles.js';
import type { Scenario } from './scenario.js';

export interface RunOptions {
  iterations: number;
  warmups?: number;
  onScenario?: (name: string) => void;
  onSkip?: (name: string, reason: string) => void;
}

function percentile(sorted: readonly number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round((sorted[i] ?? 0) * 100) / 100;
}

/**
 * Each scenario: warm-ups, then timed `compressContent` calls, each on a fresh in-process memory
 * store (so the router's memo never turns a later run into a replay, and the user's store is never
 * touched). Needles are counted on the last run.
 */
export async function runScenarios(scenarios: readonly Scenario[], opts: RunOptions): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const codeAvailable = await isCodeAwareAvailable();
  for (const s of scenarios) {
    opts.onScenario?.(s.name);
    if (s.type === 'code' && !codeAvailable) {
      opts.onSkip?.(s.name, '@headroom/code is not installed');
      continue;
    }
    const route = { ...routeHints(s.type, undefined), ...(s.query ? { query: s.query } : {}) };
    const times: number[] = [];
    let last: { store: MemoryCcrStore; r: Awaited<ReturnType<typeof compressContent>> } | undefined;
    for (let i = 0; i < (opts.warmups ?? 2) + opts.iterations; i++) {
      const store = new MemoryCcrStore();
      const started = performance.now();
      const r = await compressContent(s.text, { ...route, store });
      const ms = performance.now() - started;
      if (i >= (opts.warmups ?? 2)) times.push(ms);
      last = { store, r };
    }
    if (!last) continue;
    const { r, store } = last;
    times.sort((a, b) => a - b);
    results.push({
      scenario: s.name,
      type: r.type,
      strategy: r.strategy,
      bytes: Buffer.byteLength(s.text),
      tokensBefore: r.tokensBefore,
      tokensAfter: r.tokensAfter,
      savedPct:
        r.tokensBefore === 0
          ? 0
          : Math.round((1000 * (r.tokensBefore - r.tokensAfter)) / r.tokensBefore) / 10,
      p50Ms: percentile(times, 50),
      p95Ms: percentile(times, 95),
      needles: await countNeedles(s.needles, r.compressed, r.ccr, store),
    });
  }
  return results;
}
