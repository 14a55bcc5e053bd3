import { readFileSync } from 'node:fs';
import { HEADROOM } from './score.js';
import type { Summary } from './summary.js';

/** The committed fast-subset results the CI gate compares with (`pnpm eval` rewrites it). */
export const BASELINE_FILE = new URL('../../results/baseline.json', import.meta.url);

/** Headroom's rows only (unbounded and windowed), without times: what is deterministic and what the gate reads. */
export function baselineOf(summary: Summary): Summary {
  const out: Summary = {};
  for (const [kind, methods] of Object.entries(summary)) {
    const kept = Object.entries(methods).filter(([m]) => m.startsWith(HEADROOM));
    if (kept.length > 0) out[kind] = Object.fromEntries(kept.map(([m, s]) => [m, { ...s, ms: 0 }]));
  }
  return out;
}

export const readBaseline = (file: URL = BASELINE_FILE): Summary =>
  JSON.parse(readFileSync(file, 'utf8')) as Summary;
