import type { Measure } from './define-suite.js';

/** One measured case, as printed, rendered and emitted by `--json`. */
export interface CaseResult {
  name: string;
  isBaseline: boolean;
  /** The baseline this case is compared with. */
  baseline?: string;
  runs: number;
  medianNs: number;
  p95Ns: number;
  minNs: number;
  meanNs: number;
  opsPerSec: number;
  bytes?: number;
  /** MB (10⁶ bytes) per second at the median; with `bytes` only. */
  mbPerSec?: number;
  /** Baseline median ÷ this median: > 1 is faster than the baseline. */
  speedup?: number;
  measure?: Measure;
  /** 1 − after ÷ before: 0.25 is a quarter smaller. */
  reduction?: number;
}

export interface SuiteResult {
  name: string;
  /** Bench file, relative to the repository root. */
  file: string;
  cases: CaseResult[];
}

export interface PackageResult {
  /** Package name, e.g. `@headroom/core`. */
  name: string;
  /** Package folder, relative to the repository root. */
  dir: string;
  suites: SuiteResult[];
}
