/**
 * Types shared across packages so that `crusher` and `context` can consume TOIN, embeddings and
 * content compressors without importing `toin`, `lingua` or `router`.
 */
import type { JsonValue } from './json/raw-number.js';

export interface CompressionEvent {
  signature: string;
  strategy: string;
  tokensBefore: number;
  tokensAfter: number;
  itemsBefore?: number;
  itemsAfter?: number;
  /** At most 100 sampled items, for field statistics (hashed on entry, never stored raw). */
  items?: readonly JsonValue[];
  query?: string;
  tenant?: string;
}

export interface RetrievalFeedback {
  signature: string;
  kind: 'full' | 'search';
  strategy?: string;
  query?: string;
  retrievedItems?: readonly JsonValue[];
  tenant?: string;
}

export interface EvictionFeedback {
  signature: string;
  retrieved: boolean;
  tenant?: string;
}

export interface DropEvent {
  signature: string;
  count: number;
  tokens: number;
  tenant?: string;
}

/** Bounded advice: nothing in it can lower k, remove must-keep items or change the strategy. */
export interface CompressionHint {
  /** Ship lossless only. */
  skip: boolean;
  /** Floor for k; the consumer still caps at its own maximum. */
  minItems?: number;
  /** Field hashes whose query-matching values are must-keep. */
  preserveFields: string[];
  /** Hashes; items holding them are must-keep. */
  importantValues: { field: string; value: string }[];
  confidence: number;
  source: 'local' | 'network';
  reason: string;
}

export interface FieldSemanticsView {
  inferredType: 'identifier' | 'error_indicator' | 'status' | 'score' | 'temporal' | 'content' | 'unknown';
  confidence: number;
  defaultValue?: string;
  importantValues: string[];
}

export interface ToinPatternView {
  signature: string;
  compressions: number;
  retrievals: number;
  fullRetrievals: number;
  retrievalRate: number;
  fullRetrievalRate: number;
  evictedUnretrieved: number;
  commonlyRetrievedFields: string[];
  fieldSemantics: Record<string, FieldSemanticsView>;
  confidence: number;
  users: number;
}

/** Read side of TOIN: pure reads, never mutating. */
export interface ToinAdvisor {
  advise(signature: string, query?: string): CompressionHint | undefined;
  pattern(signature: string): ToinPatternView | undefined;
  isValueImportant(signature: string, fieldHash: string, valueHash: string): boolean;
}

/** Write side of TOIN. */
export interface ToinRecorder {
  recordCompression(e: CompressionEvent): void;
  recordRetrieval(e: RetrievalFeedback): void;
  recordEviction(e: EvictionFeedback): void;
  recordDrop(e: DropEvent): void;
}

/**
 * What TOIN persists and peers exchange: hashes and numeric aggregates only. The pattern shape is
 * owned by @headroom/toin; backends treat it as opaque JSON.
 */
export interface ToinExport {
  version: number;
  exportedAt: number;
  instanceId: string;
  patterns: Record<string, unknown>;
}

/** Where TOIN keeps its state: memory and a JSON file in @headroom/toin, SQLite and Redis in @headroom/store. */
export interface ToinBackend {
  load(): Promise<ToinExport | undefined>;
  save(data: ToinExport): Promise<void>;
}

export interface Embedder {
  embed(texts: string[]): Promise<Float32Array[]>;
}

export interface ContentCompressionResult {
  compressed: string;
  strategyUsed: string;
  ccrHashes: string[];
}

/** Any compressor of a text body (code, prose, logs…) the router or context manager can call. */
export interface ContentCompressor {
  compress(text: string, opts?: { query?: string; toolName?: string }): Promise<ContentCompressionResult>;
}
