import { LruMap } from '@headroom/core';
import {
  type Backend,
  type CcrRecord,
  type CcrRow,
  type CcrWrite,
  type Eviction,
  type FailureKind,
  initialExpiry,
  type LedgerRow,
  type Lifetime,
  type PutOutcome,
  refreshedExpiry,
} from '../backend.js';
import { LEDGER_RETENTION_DAYS, utcDay } from '../ledger.js';
import type { MemoEntry, MemoHit } from '../types.js';

const SWEEP_EVERY_PUTS = 64;

interface CcrSlot {
  kind: 'c';
  row: CcrRow;
  text: string;
  expiresAt: number;
}

interface MemoSlot {
  kind: 'm';
  entry: MemoEntry;
  bytes: number;
  createdAt: number;
  expiresAt: number;
}

type Slot = CcrSlot | MemoSlot;

/**
 * The `memory` backend: one LRU over originals and memo outputs (core's caps: `maxEntries`,
 * `maxBytes`), with the same TTL rules as sqlite and redis. Expiry is lazy on access plus a sweep
 * every 64 puts. Nothing survives the process.
 */
export class MemoryBackend implements Backend {
  private readonly slots: LruMap<string, Slot>;
  private readonly toin = new Map<string, string>();
  private ledger: LedgerRow[] = [];
  private evicted: Eviction[] = [];
  private listener: (evictions: Eviction[], at: number) => void = () => {};
  private putsSinceSweep = 0;

  constructor(caps: { maxEntries: number; maxBytes: number }) {
    this.slots = new LruMap<string, Slot>({
      ...caps,
      sizeOf: (s) => (s.kind === 'c' ? s.row.bytes : s.bytes),
      onEvict: (_key, s) => {
        if (s.kind === 'c') this.evicted.push({ row: s.row, reason: 'capacity' });
      },
    });
  }

  async putMany(rows: CcrWrite[], t: Lifetime): Promise<PutOutcome[]> {
    const outcomes = rows.map((row): PutOutcome => {
      const live = this.live(`c:${row.hash}`, t.now) as CcrSlot | undefined;
      if (live) {
        if (live.row.digest !== row.digest) return 'collision';
        this.refresh(`c:${row.hash}`, live, live.row.createdAt, t);
        live.row.ttlMs = Math.max(live.row.ttlMs, t.ttlMs);
        return 'refreshed';
      }
      const { hash, digest, meta, bytes, text } = row;
      const stored: CcrRow = {
        hash,
        digest,
        meta,
        bytes,
        createdAt: t.now,
        lastAccessAt: t.now,
        ttlMs: t.ttlMs,
        retrievalCount: 0,
      };
      this.slots.set(`c:${hash}`, { kind: 'c', row: stored, text, expiresAt: initialExpiry(t) });
      return 'stored';
    });
    this.putsSinceSweep += rows.length;
    if (this.putsSinceSweep >= SWEEP_EVERY_PUTS) await this.maintain(t.now);
    this.report(t.now);
    return outcomes;
  }

  async retrieveMany(requests: Map<string, number>, t: Lifetime): Promise<Map<string, CcrRecord>> {
    const found = new Map<string, CcrRecord>();
    for (const [hash, n] of requests) {
      const slot = this.live(`c:${hash}`, t.now) as CcrSlot | undefined;
      if (!slot) continue;
      slot.row.retrievalCount += n;
      this.refresh(`c:${hash}`, slot, slot.row.createdAt, t);
      found.set(hash, { ...slot.row, original: slot.text });
    }
    this.report(t.now);
    return found;
  }

  async touchMany(hashes: string[], t: Lifetime): Promise<string[]> {
    const missing = hashes.filter((hash) => {
      const slot = this.live(`c:${hash}`, t.now) as CcrSlot | undefined;
      if (slot) this.refresh(`c:${hash}`, slot, slot.row.createdAt, t);
      return !slot;
    });
    this.report(t.now);
    return missing;
  }

  async remove(hash: string): Promise<CcrRow | undefined> {
    const slot = this.slots.peek(`c:${hash}`) as CcrSlot | undefined;
    this.slots.delete(`c:${hash}`);
    return slot?.row;
  }

  async counts(now: number): Promise<{ entries: number; bytes: number }> {
    let entries = 0;
    let bytes = 0;
    for (const [, s] of this.slots.entries()) {
      if (s.kind === 'c' && s.expiresAt > now) {
        entries++;
        bytes += s.row.bytes;
      }
    }
    return { entries, bytes };
  }

  async memoGetMany(keys: string[], t: Lifetime): Promise<Map<string, MemoHit>> {
    const hits = new Map<string, MemoHit>();
    for (const key of keys) {
      const slot = this.live(`m:${key}`, t.now) as MemoSlot | undefined;
      if (!slot) continue;
      this.refresh(`m:${key}`, slot, slot.createdAt, t);
      const missingRefs = await this.touchMany(slot.entry.ccrRefs, t);
      hits.set(key, { entry: slot.entry, missingRefs });
    }
    this.report(t.now);
    return hits;
  }

  async memoPut(key: string, entry: MemoEntry, t: Lifetime): Promise<boolean> {
    if (this.live(`m:${key}`, t.now)) return false;
    const bytes = Buffer.byteLength(entry.output, 'utf8');
    this.slots.set(`m:${key}`, { kind: 'm', entry, bytes, createdAt: t.now, expiresAt: initialExpiry(t) });
    this.report(t.now);
    return true;
  }

  async memoDelete(key: string): Promise<void> {
    this.slots.delete(`m:${key}`);
  }

  async toinSave(instanceId: string, json: string): Promise<void> {
    this.toin.set(instanceId, json);
  }

  async toinLoad(instanceId: string): Promise<string | undefined> {
    return this.toin.get(instanceId);
  }

  async toinList(): Promise<Array<{ id: string; json: string }>> {
    return [...this.toin].map(([id, json]) => ({ id, json }));
  }

  async ledgerAdd(rows: LedgerRow[]): Promise<void> {
    for (const row of rows) this.ledger.push({ ...row, counters: { ...row.counters } });
    const oldest = utcDay(Date.now() - LEDGER_RETENTION_DAYS * 86_400_000);
    this.ledger = this.ledger.filter((row) => row.day >= oldest);
  }

  async ledgerRows(): Promise<LedgerRow[]> {
    return this.ledger;
  }

  async probe(): Promise<void> {}

  /** Entries are in access order, and every refresh moves one to the back: expired ones lead. */
  async maintain(now: number): Promise<void> {
    this.putsSinceSweep = 0;
    for (const [key, slot] of this.slots.entries()) {
      if (slot.expiresAt > now) break;
      this.slots.delete(key);
      if (slot.kind === 'c') this.evicted.push({ row: slot.row, reason: 'expired' });
    }
    this.report(now);
  }

  overCapacity(): boolean {
    return false; // the LRU evicts on insert
  }

  classify(): FailureKind {
    return 'error'; // memory never goes down
  }

  onEvictions(fn: (evictions: Eviction[], at: number) => void): void {
    this.listener = fn;
  }

  async close(): Promise<void> {
    this.slots.clear();
  }

  /** The slot if present and unexpired; an expired one is removed on the way. */
  private live(key: string, now: number): Slot | undefined {
    const slot = this.slots.peek(key);
    if (!slot || slot.expiresAt > now) return slot;
    this.slots.delete(key);
    if (slot.kind === 'c') this.evicted.push({ row: slot.row, reason: 'expired' });
    return undefined;
  }

  private refresh(key: string, slot: Slot, createdAt: number, t: Lifetime): void {
    slot.expiresAt = refreshedExpiry(slot.expiresAt, createdAt, t);
    if (slot.kind === 'c') slot.row.lastAccessAt = t.now;
    this.slots.get(key); // moves it to the most recently used end
  }

  private report(now: number): void {
    if (this.evicted.length === 0) return;
    const evictions = this.evicted;
    this.evicted = [];
    this.listener(evictions, now);
  }
}
