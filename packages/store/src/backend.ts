import type { Counters, MemoEntry, MemoHit } from './types.js';

/**
 * The clock and TTL rules of one call. An entry expires at
 * `min(lastAccessAt + ttlMs, createdAt + maxLifetimeMs)`, and a refresh never shortens an expiry
 * (a proxy touching a CLI entry keeps the CLI's longer one). The SQL and Lua of the backends
 * implement the same two functions below.
 */
export interface Lifetime {
  now: number;
  ttlMs: number;
  maxLifetimeMs: number;
  /** A key accessed less than this long ago is not refreshed again: one write per interval. */
  throttleMs: number;
}

export function initialExpiry(t: Lifetime): number {
  return t.now + Math.min(t.ttlMs, t.maxLifetimeMs);
}

export function refreshedExpiry(expiresAt: number, createdAt: number, t: Lifetime): number {
  return Math.max(expiresAt, Math.min(t.now + t.ttlMs, createdAt + t.maxLifetimeMs));
}

/** A CCR write: the original already encoded as UTF-8, the `CcrPut` metadata as JSON. */
export interface CcrWrite {
  hash: string;
  digest: string;
  original: Buffer;
  /** The original as received: only the memory backend keeps it (nothing is serialized there). */
  text: string;
  meta: string;
  bytes: number;
}

export type PutOutcome = 'stored' | 'refreshed' | 'collision';

/** A stored entry without its original: what eviction and deletion report. */
export interface CcrRow {
  hash: string;
  digest: string;
  meta: string;
  bytes: number;
  createdAt: number;
  lastAccessAt: number;
  ttlMs: number;
  retrievalCount: number;
}

/**
 * A retrieved entry. Stored bytes are checked against `digest` by the caller, never trusted; a
 * string is the original kept in this process's memory (memory backend), returned as is.
 */
export interface CcrRecord extends CcrRow {
  original: Buffer | string;
}

export interface Eviction {
  row: CcrRow;
  reason: 'capacity' | 'expired';
}

export interface LedgerRow {
  day: string;
  provider: string;
  family: string;
  counters: Partial<Counters>;
}

/** How a failure affects health: `down` and `full` change the store's state, `error` fails one call. */
export type FailureKind = 'down' | 'full' | 'error';

/**
 * What the tiered store needs from a backend. Every method is batched where the hot path needs it;
 * errors are thrown raw and classified by `classify`.
 */
export interface Backend {
  putMany(rows: CcrWrite[], t: Lifetime): Promise<PutOutcome[]>;
  /** Reads live entries, counting `n` retrievals of each and refreshing them; absent ones are left out. */
  retrieveMany(requests: Map<string, number>, t: Lifetime): Promise<Map<string, CcrRecord>>;
  /** Refreshes live entries; resolves to the hashes that are absent or expired. */
  touchMany(hashes: string[], t: Lifetime): Promise<string[]>;
  remove(hash: string): Promise<CcrRow | undefined>;
  counts(now: number): Promise<{ entries: number; bytes: number }>;
  memoGetMany(keys: string[], t: Lifetime): Promise<Map<string, MemoHit>>;
  memoPut(key: string, entry: MemoEntry, t: Lifetime): Promise<boolean>;
  memoDelete(key: string): Promise<void>;
  toinSave(instanceId: string, json: string): Promise<void>;
  toinLoad(instanceId: string): Promise<string | undefined>;
  /** Every instance's record. */
  toinList(): Promise<Array<{ id: string; json: string }>>;
  ledgerAdd(rows: LedgerRow[]): Promise<void>;
  ledgerRows(): Promise<LedgerRow[]>;
  /** A cheap round trip; with `write`, also proves the backend accepts writes again. */
  probe(write: boolean): Promise<void>;
  /** Removes expired rows and evicts over the cap; resolves when done. */
  maintain(now: number): Promise<void>;
  /** True when the last write left the backend over its byte cap. */
  overCapacity(): boolean;
  classify(error: unknown): FailureKind;
  /** Registers the listener for evictions the backend performs itself. */
  onEvictions(fn: (evictions: Eviction[], at: number) => void): void;
  close(): Promise<void>;
}
