import type { CompressionHint, JsonValue, MarkerUnit } from '@headroom/core';

export interface CrushOptions {
  /** The relevance query (the user's question, tool-call argument values). */
  query?: string;
  /** Multiplies adaptive k (per-tool profiles: Grep 1.5, WebFetch 0.7). */
  bias?: number;
  toolName?: string;
  /** Skip the token gate. */
  force?: boolean;
  /** The text input, already parsed (the router's detector parsed it): saves a second parse. */
  parsed?: JsonValue;
}

/** What happened to one array (or map) of the output. */
export interface ArrayReport {
  /** JSON path, e.g. `$.results`. */
  path: string;
  /** Items (or keys) in the input. */
  n: number;
  kept: number;
  strategy: string;
  /** Why this strategy: the crushability verdict or the lossless preference. */
  reason: string;
  /** Must-keep items by cause (first/last, errors, anomalies, …). */
  mustKeep: Record<string, number>;
  /** True when must-keep items pushed the kept count past k. */
  overCap: boolean;
}

export interface CrushResult {
  /** Compact JSON text, always valid JSON when the input was. */
  compressed: string;
  /** The compressed value (numbers as RawNumber where JavaScript cannot hold the lexeme). */
  value: JsonValue | undefined;
  /** The input text as received, or the compact serialization of a value input. */
  original: string;
  /** True whenever `compressed` differs from the trimmed input, minification included. */
  wasModified: boolean;
  /** e.g. `top_n(1000->50)`, `lossless:columnar`, `skip:unique_entities_no_signal`, `passthrough:not-json`. */
  strategy: string;
  arrays: ArrayReport[];
  /** Set iff something was dropped: the CCR hash of `original`. */
  ccrHash?: string;
  tokensBefore?: number;
  tokensAfter?: number;
}

/** One lossy selection made during the walk, for the CCR entry and the TOIN record. */
export interface Omission {
  unit: MarkerUnit;
  omitted: number;
  total: number;
}

/** Advice from TOIN, already checked against the confidence threshold. */
export type Advice = CompressionHint;
