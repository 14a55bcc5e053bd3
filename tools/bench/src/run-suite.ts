import type { CaseDefinition, Suite } from './define-suite.js';
import type { CaseResult, SuiteResult } from './results.js';
import { sample } from './sample.js';
import { summarize } from './stats.js';

export interface RunSuiteOptions {
  /** Bench file recorded in the result. */
  file?: string;
  /** Called after each case, e.g. for progress output. */
  onCase?: (result: CaseResult) => void;
}

/** Runs a suite's setup, measures and times every case in order, then compares each with its baseline. */
export async function runSuite(suite: Suite, options: RunSuiteOptions = {}): Promise<SuiteResult> {
  const { cases, teardown } = await suite.load();
  const results: CaseResult[] = [];
  try {
    for (const c of cases) {
      const result = await runCase(c, suite);
      results.push(result);
      options.onCase?.(result);
    }
  } finally {
    await teardown();
  }
  for (const r of results) {
    const base = r.baseline === undefined ? undefined : results.find((b) => b.name === r.baseline);
    if (base) r.speedup = base.medianNs / r.medianNs;
  }
  return { name: suite.name, file: options.file ?? '', cases: results };
}

async function runCase(c: CaseDefinition, suite: Suite): Promise<CaseResult> {
  const measure = c.measure?.();
  const samples = await sample(c.fn, { ...suite.options, ...pickSampling(c) });
  const stats = summarize(samples);
  const seconds = stats.medianNs / 1e9;
  return {
    name: c.name,
    isBaseline: c.isBaseline,
    ...(c.baseline === undefined ? {} : { baseline: c.baseline }),
    ...stats,
    opsPerSec: 1 / seconds,
    ...(c.bytes === undefined ? {} : { bytes: c.bytes, mbPerSec: c.bytes / 1e6 / seconds }),
    ...(measure === undefined ? {} : { measure, reduction: 1 - measure.after / measure.before }),
  };
}

function pickSampling({ minRuns, minTimeMs, maxRuns, warmupRuns }: CaseDefinition) {
  const picked = { minRuns, minTimeMs, maxRuns, warmupRuns };
  return Object.fromEntries(Object.entries(picked).filter(([, v]) => v !== undefined));
}
