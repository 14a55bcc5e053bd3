import type { CaseFn, SampleOptions } from './define-suite.js';

export const DEFAULT_SAMPLING: Required<SampleOptions> = {
  minRuns: 50,
  minTimeMs: 1000,
  maxRuns: 10_000,
  warmupRuns: 5,
};

// Each run's result is stored here, so that no run is dead code to the optimizer.
const sink: { value: unknown } = { value: undefined };

const now = process.hrtime.bigint;
const ns = (ms: number) => BigInt(Math.round(ms * 1e6));
const isThenable = (v: unknown): v is PromiseLike<unknown> =>
  typeof (v as { then?: unknown } | null)?.then === 'function';

/**
 * Times `fn`, one run per sample, after a warm-up: at least `minRuns` runs and at least `minTimeMs`,
 * whichever gives more runs, never more than `maxRuns`. Returns the samples in nanoseconds.
 * A function that returns a promise is awaited inside the timing.
 */
export async function sample(fn: CaseFn, options: SampleOptions = {}): Promise<number[]> {
  const { minRuns, minTimeMs, maxRuns, warmupRuns } = { ...DEFAULT_SAMPLING, ...options };

  const warmupEnd = now() + ns(minTimeMs / 10);
  for (let i = 0; i < maxRuns && (i < warmupRuns || now() < warmupEnd); i++) {
    const result = fn();
    sink.value = isThenable(result) ? await result : result;
  }

  (globalThis as { gc?: () => void }).gc?.(); // exposed in bench workers (--expose-gc)
  const samples: number[] = [];
  const end = now() + ns(minTimeMs);
  while (samples.length < maxRuns && (samples.length < minRuns || now() < end)) {
    const t0 = now();
    const result = fn();
    sink.value = isThenable(result) ? await result : result;
    samples.push(Number(now() - t0));
  }
  return samples;
}
