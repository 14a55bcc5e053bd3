/** What one method did to one case. Sizes in tokens of the real tokenizer (o200k, gpt-4o). */
export interface Score {
  tokensBefore: number;
  tokensAfter: number;
  mustKeep: number;
  kept: number;
  /** Cases with a validity check: whether the output passed it. */
  valid?: boolean;
  ccrMarkers: number;
  ccrExact: number;
  /** Markers that restore the dropped input only up to JSON whitespace. */
  ccrEquivalent?: number;
  ms: number;
  /** Conversations: provider-shape violations (orphan results, calls without results, …). */
  pairViolations?: number;
  /** tau-bench: gold argument values still readable in the tool outputs. */
  gold?: number;
  goldKept?: number;
  /** Conversations: the simulated provider's cached share of prompt tokens over the turn replay. */
  cacheHitRate?: number;
}

export interface CaseResult {
  id: string;
  kind: string;
  origin: string;
  methods: Record<string, Score>;
}

export const HEADROOM = 'headroom';
/** Headroom with a context budget of 25 % of the conversation: the context manager has to act. */
export const HEADROOM_WINDOW = 'headroom, 25% window';
export const PASSTHROUGH = 'passthrough';
export const HEAD_TAIL = 'head+tail';
export const MASKING = 'observation masking';
