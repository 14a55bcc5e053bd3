import type { JsonValue, SmartCrusherConfig } from '@headroom/core';
import type { Advice, ArrayReport, Omission } from './types.js';

/** Everything one crush shares while walking the JSON value. */
export interface WalkContext {
  readonly config: SmartCrusherConfig;
  readonly query: string;
  readonly queryTerms: readonly string[];
  readonly anchors: readonly string[];
  readonly bias: number;
  /** CCR hash of the whole original: every marker of this output carries it. */
  readonly hash: string;
  /** False when nothing may be dropped (lossless-only, or no CCR store). */
  readonly lossy: boolean;
  readonly advise?: (items: readonly JsonValue[]) => Advice | undefined;
  readonly reports: ArrayReport[];
  /** Compact JSON already known for values of the output (the root array, its kept rows). */
  readonly texts?: Map<unknown, string>;
  readonly omissions: Omission[];
  /** True when the value surely holds no RawNumber (parsed here, no risky number): native JSON. */
  readonly rawFree?: boolean;
}
