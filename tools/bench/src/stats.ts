/** Order statistics over timing samples (nanoseconds); inputs need not be sorted. */

function sorted(values: readonly number[]): number[] {
  if (values.length === 0) throw new RangeError('No samples');
  return [...values].sort((a, b) => a - b);
}

/** The middle value; the mean of the two middle values for an even count. */
export function median(values: readonly number[]): number {
  const s = sorted(values);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Nearest-rank percentile: the smallest sample with at least `p`% of the samples at or below it. */
export function percentile(values: readonly number[], p: number): number {
  if (!(p > 0 && p <= 100)) throw new RangeError(`Percentile out of range: ${p}`);
  const s = sorted(values);
  return s[Math.ceil((p / 100) * s.length) - 1]!;
}

export interface Summary {
  runs: number;
  medianNs: number;
  p95Ns: number;
  minNs: number;
  meanNs: number;
}

export function summarize(samplesNs: readonly number[]): Summary {
  const s = sorted(samplesNs);
  return {
    runs: s.length,
    medianNs: median(s),
    p95Ns: percentile(s, 95),
    minNs: s[0]!,
    meanNs: s.reduce((a, b) => a + b, 0) / s.length,
  };
}
