import { CcrConfig, type CcrConfigInput } from '../config/core.js';
import { parseConfig } from '../config/shared.js';
import { HeadroomError } from '../errors.js';
import { CONTENT_HASH_LENGTH, fullDigest } from '../hash.js';
import { retrievedItemsOf, searchEntry } from './search.js';
import {
  type CcrEntry,
  type CcrPut,
  type CcrSearchResult,
  type CcrStats,
  type CcrStore,
  type EvictionEvent,
  entryMeta,
  type RetrievalEvent,
} from './store.js';

const SWEEP_EVERY_PUTS = 64;

type Events = { retrieval: RetrievalEvent; eviction: EvictionEvent };
type Listeners = { [K in keyof Events]: Set<(e: Events[K]) => void> };

/**
 * The in-process CCR store: LRU by last access against `maxEntries` and `maxBytes`, with a sliding
 * TTL (`put`, `get`, `search` and `touch` refresh it). Expiry is lazy on access plus an amortized
 * sweep every 64 puts.
 */
export class MemoryCcrStore implements CcrStore {
  readonly config: CcrConfig;
  private readonly now: () => number;
  /** Map order is recency order: the first key is the least recently accessed. */
  private readonly entries = new Map<string, CcrEntry>();
  private totalBytes = 0;
  private putsSinceSweep = 0;
  private readonly counters: Omit<CcrStats, 'entries' | 'bytes'> = {
    puts: 0,
    hits: 0,
    misses: 0,
    searches: 0,
    evictions: 0,
    expirations: 0,
  };
  private readonly listeners: Listeners = { retrieval: new Set(), eviction: new Set() };

  constructor(config?: CcrConfigInput, deps: { now?: () => number } = {}) {
    this.config = parseConfig(CcrConfig, config, 'ccr');
    this.now = deps.now ?? Date.now;
  }

  put(input: CcrPut): string {
    let digest = knownDigest(input.digest) ?? fullDigest(input.original);
    let hash = digest.slice(0, CONTENT_HASH_LENGTH);
    const now = this.now();
    this.counters.puts++;
    let existing = this.live(hash, now);
    if (existing && input.digest !== undefined && existing.original !== input.original) {
      // A caller's digest saves hashing; where it names a stored entry of other bytes (a compare
      // costs far less than a hash), the bytes decide: a refresh, a collision or a new entry.
      const actual = fullDigest(input.original);
      if (actual !== digest) {
        digest = actual;
        hash = digest.slice(0, CONTENT_HASH_LENGTH);
        existing = this.live(hash, now);
      }
    }
    if (existing) {
      if (existing.digest !== digest) {
        throw new HeadroomError('CCR_COLLISION', `A different original is already stored under ${hash}`);
      }
      this.refresh(existing, now);
      return hash;
    }
    // Object.assign, not spread: `{ ...input, more }` drops V8 into a ~15 µs slow path per entry.
    const entry: CcrEntry = Object.assign({}, input, {
      hash,
      digest,
      createdAt: now,
      lastAccessAt: now,
      ttlMs: this.config.ttlSeconds * 1000,
      retrievalCount: 0,
      bytes: Buffer.byteLength(input.original, 'utf8'),
    });
    this.entries.set(hash, entry);
    this.totalBytes += entry.bytes;
    this.evictOverCapacity(now);
    if (++this.putsSinceSweep >= SWEEP_EVERY_PUTS) this.sweep(now);
    return hash;
  }

  async get(hash: string): Promise<CcrEntry | undefined> {
    const now = this.now();
    const entry = this.live(hash, now);
    if (!entry) {
      this.counters.misses++;
      return undefined;
    }
    this.counters.hits++;
    entry.retrievalCount++;
    this.refresh(entry, now);
    this.emit('retrieval', { hash, kind: 'full', entry: entryMeta(entry), at: now });
    return Object.assign({}, entry);
  }

  async search(
    hash: string,
    query: string,
    opts: { maxResults?: number; threshold?: number } = {},
  ): Promise<CcrSearchResult | undefined> {
    const now = this.now();
    const entry = this.live(hash, now);
    if (!entry) {
      this.counters.misses++;
      return undefined;
    }
    this.counters.searches++;
    entry.retrievalCount++;
    this.refresh(entry, now);
    const result = searchEntry(entry, query, {
      maxResults: opts.maxResults ?? this.config.searchMaxResults,
      threshold: opts.threshold ?? this.config.searchThreshold,
    });
    const retrievedItems = retrievedItemsOf(result);
    this.emit('retrieval', {
      hash,
      kind: 'search',
      query,
      ...(retrievedItems ? { retrievedItems } : {}),
      entry: entryMeta(entry),
      at: now,
    });
    return result;
  }

  touch(hash: string): void {
    const now = this.now();
    const entry = this.live(hash, now);
    if (entry) this.refresh(entry, now);
  }

  async delete(hash: string): Promise<boolean> {
    const entry = this.entries.get(hash);
    if (!entry) return false;
    this.remove(entry, 'deleted', this.now());
    return true;
  }

  async stats(): Promise<CcrStats> {
    return { entries: this.entries.size, bytes: this.totalBytes, ...this.counters };
  }

  async flush(): Promise<void> {}

  on(ev: 'retrieval', fn: (e: RetrievalEvent) => void): () => void;
  on(ev: 'eviction', fn: (e: EvictionEvent) => void): () => void;
  on(ev: 'retrieval' | 'eviction', fn: (e: never) => void): () => void {
    const set = this.listeners[ev] as Set<typeof fn>;
    set.add(fn);
    return () => set.delete(fn);
  }

  /** The entry if present and not expired; an expired one is removed on the way. */
  private live(hash: string, now: number): CcrEntry | undefined {
    const entry = this.entries.get(hash);
    if (entry && now - entry.lastAccessAt >= entry.ttlMs) {
      this.remove(entry, 'expired', now);
      return undefined;
    }
    return entry;
  }

  private refresh(entry: CcrEntry, now: number): void {
    entry.lastAccessAt = now;
    this.entries.delete(entry.hash);
    this.entries.set(entry.hash, entry);
  }

  private evictOverCapacity(now: number): void {
    const { maxEntries, maxBytes } = this.config;
    while (this.entries.size > maxEntries || (this.totalBytes > maxBytes && this.entries.size > 1)) {
      const oldest = this.entries.values().next().value as CcrEntry;
      this.remove(oldest, 'capacity', now);
    }
  }

  /** Entries are in access order, so expired ones sit at the front. */
  private sweep(now: number): void {
    this.putsSinceSweep = 0;
    for (const entry of this.entries.values()) {
      if (now - entry.lastAccessAt < entry.ttlMs) break;
      this.remove(entry, 'expired', now);
    }
  }

  private remove(entry: CcrEntry, reason: EvictionEvent['reason'], now: number): void {
    this.entries.delete(entry.hash);
    this.totalBytes -= entry.bytes;
    if (reason === 'expired') this.counters.expirations++;
    else if (reason === 'capacity') this.counters.evictions++;
    this.emit('eviction', {
      hash: entry.hash,
      reason,
      retrieved: entry.retrievalCount > 0,
      entry: entryMeta(entry),
      at: now,
    });
  }

  private emit<K extends keyof Events>(ev: K, event: Events[K]): void {
    for (const fn of this.listeners[ev] as Set<(e: Events[K]) => void>) {
      try {
        fn(event);
      } catch {
        // A listener (TOIN) must never break a retrieval.
      }
    }
  }
}

/** A caller's digest when it has the form of one (64 lowercase hex chars), else undefined. */
function knownDigest(digest: string | undefined): string | undefined {
  return digest !== undefined && /^[0-9a-f]{64}$/.test(digest) ? digest : undefined;
}

let defaultStore: MemoryCcrStore | undefined;

/** The process-wide memory store, created on first use. */
export function defaultCcrStore(): CcrStore {
  defaultStore ??= new MemoryCcrStore();
  return defaultStore;
}
