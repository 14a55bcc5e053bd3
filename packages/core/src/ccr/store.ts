import type { JsonValue } from '../json/raw-number.js';
import type { WireFormat } from '../messages/types.js';
import type { MarkerUnit } from './marker.js';

export type CcrKind = 'json' | 'text' | 'code' | 'log' | 'search' | 'diff' | 'messages' | 'tokens';

/** What a compressor stores when it drops something. */
export interface CcrPut {
  /** The exact original text as received (never re-serialized), so retrieval is byte-identical. */
  original: string;
  /**
   * `fullDigest(original)` when the caller already computed it (its marker needed the hash), so an
   * in-process store need not hash the same bytes again. Stores that persist or share entries
   * hash the bytes they write themselves.
   */
  digest?: string;
  kind: CcrKind;
  strategy: string;
  unit: MarkerUnit;
  omitted: number;
  total: number;
  toolName?: string;
  toolCallId?: string;
  /** TOIN structure signature of the content (never content itself). */
  signature?: string;
  originalTokens?: number;
  compressedTokens?: number;
  format?: WireFormat;
}

export interface CcrEntry extends CcrPut {
  hash: string;
  /** Full SHA-256 of `original`, to tell a real hit from a 96-bit prefix collision. */
  digest: string;
  createdAt: number;
  lastAccessAt: number;
  ttlMs: number;
  retrievalCount: number;
  bytes: number;
}

/** Entry metadata without the original: what events carry, so listeners never need the entry. */
export type CcrEntryMeta = Omit<CcrEntry, 'original'>;

export interface CcrSearchMatch {
  score: number;
  /** The matching item (compact JSON) or line. */
  text: string;
  /** JSON originals: the item's path, e.g. `$.results[3]`. */
  path?: string;
  /** Text originals: the 1-based line number, with one line of context either side. */
  line?: number;
  before?: string;
  after?: string;
}

export interface CcrSearchResult {
  hash: string;
  query: string;
  /** How the original was split into documents. */
  mode: 'json-items' | 'lines';
  /** Number of documents searched. */
  documents: number;
  matches: CcrSearchMatch[];
}

export interface RetrievalEvent {
  hash: string;
  kind: 'full' | 'search';
  query?: string;
  /** Items of a JSON search hit, for TOIN's field statistics. */
  retrievedItems?: readonly JsonValue[];
  entry: CcrEntryMeta;
  at: number;
}

export interface EvictionEvent {
  hash: string;
  reason: 'capacity' | 'expired' | 'deleted';
  /** Evicted without ever being retrieved is a success signal for the compression, not a retrieval. */
  retrieved: boolean;
  entry: CcrEntryMeta;
  at: number;
}

export interface CcrStats {
  entries: number;
  bytes: number;
  puts: number;
  hits: number;
  misses: number;
  searches: number;
  evictions: number;
  expirations: number;
}

/** The write side compressors need: synchronous, returns the hash. */
export interface CcrSink {
  put(entry: CcrPut): string;
}

export interface CcrStore extends CcrSink {
  get(hash: string): Promise<CcrEntry | undefined>;
  search(
    hash: string,
    query: string,
    opts?: { maxResults?: number; threshold?: number },
  ): Promise<CcrSearchResult | undefined>;
  /** Refreshes the sliding TTL without counting a retrieval (memo hits re-sending a marker). */
  touch(hash: string): void;
  delete(hash: string): Promise<boolean>;
  stats(): Promise<CcrStats>;
  /** Makes queued writes durable; the pipeline awaits it before a request leaves. */
  flush(): Promise<void>;
  on(ev: 'retrieval', fn: (e: RetrievalEvent) => void): () => void;
  on(ev: 'eviction', fn: (e: EvictionEvent) => void): () => void;
}

export function entryMeta(entry: CcrEntry): CcrEntryMeta {
  const meta: Partial<CcrEntry> = Object.assign({}, entry);
  delete meta.original;
  return meta as CcrEntryMeta;
}
