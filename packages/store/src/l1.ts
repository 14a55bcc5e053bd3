import { type CcrEntry, LruMap } from '@headroom/core';
import type { MemoEntry } from './types.js';

const CONFIRMATIONS = 100_000;

/**
 * The in-process LRU in front of sqlite and redis. Its values can never be stale: originals are
 * content-addressed and memo entries are first-writer-wins and never updated, so only expiry lives
 * in the backend. Beside the values it remembers when the backend last confirmed (wrote or
 * refreshed) each key, which throttles refreshes to one per `refreshIntervalMs`.
 */
export class L1 {
  private readonly values: LruMap<string, CcrEntry | MemoEntry> | undefined;
  private readonly confirmed = new LruMap<string, number>({ maxEntries: CONFIRMATIONS });

  constructor(
    bytes: number,
    private readonly refreshIntervalMs: number,
  ) {
    if (bytes > 0) {
      this.values = new LruMap({
        maxEntries: Number.MAX_SAFE_INTEGER,
        maxBytes: bytes,
        sizeOf: (v) => 2 * ('original' in v ? v.original.length : v.output.length),
      });
    }
  }

  ccr(hash: string): CcrEntry | undefined {
    return this.values?.get(`c:${hash}`) as CcrEntry | undefined;
  }

  setCcr(entry: CcrEntry): void {
    this.values?.set(`c:${entry.hash}`, entry);
  }

  memo(key: string): MemoEntry | undefined {
    return this.values?.get(`m:${key}`) as MemoEntry | undefined;
  }

  setMemo(key: string, entry: MemoEntry): void {
    this.values?.set(`m:${key}`, entry);
  }

  /** Forgets a key: its value and its confirmation (the backend no longer holds it). */
  forget(kind: 'c' | 'm', key: string): void {
    this.values?.delete(`${kind}:${key}`);
    this.confirmed.delete(`${kind}:${key}`);
  }

  unconfirm(kind: 'c' | 'm', key: string): void {
    this.confirmed.delete(`${kind}:${key}`);
  }

  confirm(kind: 'c' | 'm', key: string, now: number): void {
    this.confirmed.set(`${kind}:${key}`, now);
  }

  /** Drops every confirmation of one kind (after evictions, memo hits must ask about their refs). */
  unconfirmAll(kind: 'c' | 'm'): void {
    for (const key of [...this.confirmed.keys()]) if (key.startsWith(`${kind}:`)) this.confirmed.delete(key);
  }

  /** Whether the backend confirmed the key within the refresh interval (so it need not be asked). */
  fresh(kind: 'c' | 'm', key: string, now: number): boolean {
    const at = this.confirmed.peek(`${kind}:${key}`);
    return at !== undefined && now - at < this.refreshIntervalMs;
  }
}
