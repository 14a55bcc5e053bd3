import type { CcrStore, ToinBackend, ToinExport } from '@headroom/core';

export type StoreKind = 'memory' | 'sqlite' | 'redis';

/** What the proxy forwarded for one tool output (proxy.md §7), replayed byte-for-byte on later turns. */
export interface MemoEntry {
  output: string;
  ccrRefs: string[];
  tokensBefore: number;
  tokensAfter: number;
  strategy: string;
  createdAt: number;
}

export interface MemoHit {
  entry: MemoEntry;
  /** Refs whose originals are absent or expired: the proxy re-puts them or drops the memo entry. */
  missingRefs: string[];
}

/** The proxy's persistent memo of forwarded outputs. */
export interface MemoStore {
  /** Unexpired entries among `keys`; refreshes the hits and the originals they reference. */
  memoGetMany(keys: string[]): Promise<Map<string, MemoHit>>;
  /** First writer wins: false when the key already holds an entry. */
  memoPut(key: string, entry: MemoEntry): Promise<boolean>;
  memoDelete(key: string): Promise<void>;
}

export interface Counters {
  requests: number;
  tokensBefore: number;
  tokensAfter: number;
  providerSaved: number;
  usageInput: number;
  usageOutput: number;
  cacheRead: number;
  cacheWrite: number;
  retrievals: number;
}

export interface DayRow extends Counters {
  /** UTC day, `YYYY-MM-DD`. */
  date: string;
}

export interface LedgerReport {
  lifetime: Counters & { since: string };
  /** The last `days` UTC days that have any row, oldest first, summed over providers and families. */
  days: DayRow[];
}

/** Additive daily counters per provider and model family (the proxy's lifetime stats). */
export interface StatsLedger {
  add(day: string, provider: string, family: string, counters: Partial<Counters>): Promise<void>;
  read(opts: { days: number }): Promise<LedgerReport>;
}

/** TOIN's backend, plus the exports of every instance sharing the store. */
export interface ToinStore extends ToinBackend {
  listExports(): Promise<ToinExport[]>;
}

/**
 * `up`: reads and writes work. `full`: the backend refuses writes (disk or maxmemory full); reads are
 * still tried. `down`: unreachable, timed out or failing I/O. Anything but `up` means "no lossy
 * compression": the router runs lossless-only until a probe restores `up`.
 */
export type StoreState = 'up' | 'full' | 'down';

export interface StoreHealth {
  ok: boolean;
  state: StoreState;
  /** When the current state began (ms). */
  since: number;
  lastError?: string;
}

/** Process-local counters for logs and `/metrics` (`headroom_store_up` mirrors `up`). */
export interface StoreMetrics {
  up: 0 | 1;
  state: StoreState;
  /** Transitions out of `up`. */
  outages: number;
  writeFailures: number;
  readFailures: number;
  /** Stored originals whose checksum failed on read (reported as misses, then deleted). */
  corruptEntries: number;
  /** Retrievals and memo hits served by the in-process L1 while the backend was not confirming. */
  l1Hits: number;
  writeBackDepth: number;
  writeBackDropped: number;
}

export interface HeadroomStore extends CcrStore, MemoStore {
  readonly kind: StoreKind;
  /** The store URL with any password shown as `***`. */
  readonly url: string;
  /** Refreshes the TTL of each hash; resolves to the hashes that are absent or expired. */
  touchMany(hashes: string[]): Promise<string[]>;
  readonly toin: ToinStore;
  readonly ledger: StatsLedger;
  /** Synchronous and cheap: the router checks it before every lossy step. */
  health(): StoreHealth;
  /** Called on every state change; returns the unsubscribe function. */
  onHealth(fn: (health: StoreHealth) => void): () => void;
  metrics(): StoreMetrics;
  /** Removes expired entries now and evicts down to 90 % when over the byte cap (also runs on a timer). */
  sweep(): Promise<void>;
  /** Flushes every queue, then closes the backend. Idempotent; afterwards every call fails. */
  close(): Promise<void>;
}

export interface StoreLogger {
  warn(message: string): void;
  info(message: string): void;
}
