import {
  CcrConfig,
  type CcrEntry,
  type CcrPut,
  type CcrSearchResult,
  type CcrStats,
  type EvictionEvent,
  entryMeta,
  HeadroomError,
  isCcrHash,
  type JsonValue,
  type RetrievalEvent,
  retrievedItemsOf,
  searchEntry,
} from '@headroom/core';
import type { Backend, CcrRecord, CcrWrite, Eviction, Lifetime } from './backend.js';
import { encodePut, rowMeta, verifiedEntry } from './codec.js';
import { Emitter } from './emitter.js';
import { StoreTimeoutError, StoreUnavailableError } from './errors.js';
import { HealthMonitor } from './health.js';
import { L1 } from './l1.js';
import { StoreLedger } from './ledger.js';
import { MemoTier } from './memo-tier.js';
import type { ResolvedStoreOptions } from './options.js';
import { PutQueue } from './put-queue.js';
import type { Run } from './runner.js';
import { TickBatcher } from './tick-batcher.js';
import { StoreToin } from './toin-store.js';
import type { HeadroomStore, MemoEntry, MemoHit, StoreHealth, StoreKind, StoreMetrics } from './types.js';
import { WriteBackQueue } from './write-back.js';

const SEARCH_DEFAULTS = CcrConfig.parse({});
/** After a digest collision every flush rejects for this long: the lossy results behind it fail open. */
const COLLISION_WINDOW_MS = 60_000;

type Events = { retrieval: RetrievalEvent; eviction: EvictionEvent };

export interface TieredStoreParts {
  kind: StoreKind;
  /** Redacted. */
  url: string;
  backend: Backend;
  options: ResolvedStoreOptions;
  /** The L1 only helps in front of an out-of-process backend. */
  l1: boolean;
  instanceId: () => string;
}

/**
 * Every store kind is this class over a backend: the synchronous `put` with per-tick batched
 * writes, the L1, health with fail-fast and probing, the memo write-back queue, TOIN and the
 * ledger. One implementation of the rules means memory, sqlite and redis behave identically.
 */
export class TieredStore implements HeadroomStore {
  readonly kind: StoreKind;
  readonly url: string;
  readonly toin: StoreToin;
  readonly ledger: StoreLedger;
  private readonly backend: Backend;
  private readonly o: ResolvedStoreOptions;
  private readonly l1: L1;
  private readonly queue: PutQueue;
  private readonly writeBack: WriteBackQueue;
  private readonly memo: MemoTier;
  private readonly healthMonitor: HealthMonitor;
  private readonly events = new Emitter<Events>();
  private readonly touches = new Set<string>();
  private readonly reads: TickBatcher<CcrRecord>;
  private readonly counters = { puts: 0, hits: 0, misses: 0, searches: 0, evictions: 0, expirations: 0 };
  private readonly failures = { writeFailures: 0, readFailures: 0, corruptEntries: 0, l1Hits: 0 };
  private readonly sweepTimer: NodeJS.Timeout;
  private readonly throttleMs: number;
  private lastWriteError: unknown;
  private lastCollisionAt = Number.NEGATIVE_INFINITY;
  private sweeping: Promise<void> | undefined;
  private closing: Promise<void> | undefined;
  private closed = false;

  constructor(parts: TieredStoreParts) {
    this.kind = parts.kind;
    this.url = parts.url;
    this.backend = parts.backend;
    this.o = parts.options;
    // Refreshing more often than half a TTL could let an entry expire between two refreshes.
    this.throttleMs = Math.min(this.o.refreshIntervalMs, Math.floor(this.o.ttlMs / 2));
    this.l1 = new L1(parts.l1 ? this.o.l1Bytes : 0, this.throttleMs);
    this.queue = new PutQueue((rows) => this.writeBatch(rows));
    // Retrievals issued in one tick share one transaction (or pipeline).
    this.reads = new TickBatcher((requests) =>
      this.call((b) => b.retrieveMany(requests, this.lifetime()), 'read'),
    );
    this.writeBack = new WriteBackQueue(this.o.writeBack);
    const run: Run = (op, access) => this.call(op, access);
    this.memo = new MemoTier({
      l1: this.l1,
      writeBack: this.writeBack,
      run,
      state: () => this.healthMonitor.current,
      lifetime: () => this.lifetime(),
      l1Hit: () => this.failures.l1Hits++,
      written: () => this.sweepIfOver(),
    });
    const isClosed = () => this.closed;
    this.toin = new StoreToin(run, parts.instanceId, isClosed);
    this.ledger = new StoreLedger(run, this.o.now, isClosed);
    this.healthMonitor = new HealthMonitor({
      label: this.url,
      now: this.o.now,
      intervalMs: this.o.probeIntervalMs,
      logger: this.o.logger,
      probe: (write) => this.backend.probe(write),
      recovered: () => this.recovered(),
    });
    this.backend.onEvictions((evictions, at) => this.evicted(evictions, at));
    this.sweepTimer = setInterval(() => void this.sweep().catch(() => {}), this.o.sqlite.sweepIntervalMs);
    this.sweepTimer.unref();
  }

  /** Marks the store down (backend failed to open, or its connection dropped). */
  markDown(error: unknown): void {
    this.healthMonitor.fail('down', error);
  }

  /** Probes now (the backend says it is reachable again). */
  probe(): Promise<boolean> {
    return this.healthMonitor.probeNow();
  }

  // ---- CCR ---------------------------------------------------------------------------------------

  put(input: CcrPut): string {
    const blocked = this.blocked('write');
    if (blocked) throw blocked;
    const row = encodePut(input, this.o.maxEntryBytes);
    const now = this.o.now();
    const cached = this.l1.ccr(row.hash);
    if (cached && cached.digest !== row.digest) throw collision(row.hash);
    this.counters.puts++;
    if (!cached) this.l1.setCcr(this.entryOf(row, input.original, now));
    // Written (or refreshed) moments ago: the refresh is throttled and the original is durable.
    if (!this.l1.fresh('c', row.hash, now)) this.queue.add(row);
    return row.hash;
  }

  async flush(): Promise<void> {
    const blocked = this.blocked('write');
    if (blocked) throw blocked;
    await this.queue.settle();
    if (this.queue.failures > 0) {
      throw (
        this.blocked('write') ??
        unavailable('error', this.lastWriteError, 'queued originals were not written')
      );
    }
    if (this.o.now() - this.lastCollisionAt < COLLISION_WINDOW_MS) {
      throw new HeadroomError('CCR_COLLISION', 'a queued original collided with a different stored one');
    }
  }

  async get(hash: string): Promise<CcrEntry | undefined> {
    const entry = await this.retrieve(hash, 'full');
    return entry && Object.assign({}, entry);
  }

  async search(
    hash: string,
    query: string,
    opts: { maxResults?: number; threshold?: number } = {},
  ): Promise<CcrSearchResult | undefined> {
    const entry = await this.retrieve(hash, 'search', query);
    if (!entry) return undefined;
    const result = searchEntry(entry, query, {
      maxResults: opts.maxResults ?? SEARCH_DEFAULTS.searchMaxResults,
      threshold: opts.threshold ?? SEARCH_DEFAULTS.searchThreshold,
    });
    this.emitRetrieval(entry, 'search', query, this.o.now(), retrievedItemsOf(result));
    return result;
  }

  touch(hash: string): void {
    if (this.blocked('write') || !isCcrHash(hash) || this.l1.fresh('c', hash, this.o.now())) return;
    if (this.touches.size === 0) {
      setImmediate(() => {
        const hashes = [...this.touches];
        this.touches.clear();
        this.touchMany(hashes).catch(() => {});
      });
    }
    this.touches.add(hash);
  }

  async touchMany(hashes: string[]): Promise<string[]> {
    const t = this.lifetime();
    const ask = [...new Set(hashes)].filter((h) => !this.l1.fresh('c', h, t.now));
    if (ask.length === 0) return [];
    if (ask.some((h) => this.queue.has(h))) await this.queue.settle();
    const missing = await this.call((b) => b.touchMany(ask, t), 'write');
    const gone = new Set(missing);
    for (const h of ask) if (!gone.has(h)) this.l1.confirm('c', h, t.now);
    return this.heal(missing);
  }

  async delete(hash: string): Promise<boolean> {
    if (this.queue.has(hash)) await this.queue.settle();
    const row = await this.call((b) => b.remove(hash), 'write');
    this.l1.forget('c', hash);
    if (!row) return false;
    const meta = rowMeta(row);
    this.events.emit('eviction', {
      hash,
      reason: 'deleted',
      retrieved: row.retrievalCount > 0,
      entry: meta,
      at: this.o.now(),
    });
    return true;
  }

  async stats(): Promise<CcrStats> {
    const { entries, bytes } = await this.call((b) => b.counts(this.o.now()), 'read');
    return { entries, bytes, ...this.counters };
  }

  on(ev: 'retrieval', fn: (e: RetrievalEvent) => void): () => void;
  on(ev: 'eviction', fn: (e: EvictionEvent) => void): () => void;
  on(ev: keyof Events, fn: (e: never) => void): () => void {
    return this.events.on(ev, fn as (e: Events[typeof ev]) => void);
  }

  // ---- memo --------------------------------------------------------------------------------------

  async memoGetMany(keys: string[]): Promise<Map<string, MemoHit>> {
    if (this.closed) throw unavailable('closed');
    return this.memo.getMany(keys);
  }

  async memoPut(key: string, entry: MemoEntry): Promise<boolean> {
    if (this.closed) throw unavailable('closed');
    return this.memo.put(key, entry);
  }

  async memoDelete(key: string): Promise<void> {
    if (this.closed) throw unavailable('closed');
    return this.memo.delete(key);
  }

  // ---- health and lifecycle ----------------------------------------------------------------------

  health(): StoreHealth {
    return this.closed
      ? { ok: false, state: 'down', since: this.o.now(), lastError: 'closed' }
      : this.healthMonitor.snapshot();
  }

  onHealth(fn: (health: StoreHealth) => void): () => void {
    return this.healthMonitor.onChange(fn);
  }

  metrics(): StoreMetrics {
    const { state } = this.health();
    return {
      up: state === 'up' ? 1 : 0,
      state,
      outages: this.healthMonitor.outages,
      ...this.failures,
      writeBackDepth: this.writeBack.size,
      writeBackDropped: this.writeBack.dropped,
    };
  }

  sweep(): Promise<void> {
    this.sweeping ??= this.call((b) => b.maintain(this.o.now()), 'write').finally(() => {
      this.sweeping = undefined;
    });
    return this.sweeping;
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    clearInterval(this.sweepTimer);
    await this.queue.settle();
    if (this.healthMonitor.current === 'up') await this.recovered().catch(() => {});
    await this.sweeping?.catch(() => {});
    this.closed = true;
    this.healthMonitor.stop();
    await this.backend
      .close()
      .catch((error: unknown) => this.o.logger.warn(`${this.url}: close failed: ${error}`));
  }

  // ---- internals ---------------------------------------------------------------------------------

  private lifetime(): Lifetime {
    return {
      now: this.o.now(),
      ttlMs: this.o.ttlMs,
      maxLifetimeMs: this.o.maxLifetimeMs,
      throttleMs: this.throttleMs,
    };
  }

  /** Why a call cannot run now, if it cannot: closed, down, or (for writes) full. */
  private blocked(access: 'read' | 'write'): StoreUnavailableError | undefined {
    if (this.closed) return unavailable('closed');
    const h = this.healthMonitor.snapshot();
    if (h.state === 'down' || (h.state === 'full' && access === 'write')) {
      return new StoreUnavailableError(h.state, `${this.url} is ${h.state} (${h.lastError ?? 'unknown'})`);
    }
    return undefined;
  }

  /** Runs a backend call: fails fast when blocked; a failure updates health and becomes STORE_UNAVAILABLE. */
  private async call<T>(op: (backend: Backend) => Promise<T>, access: 'read' | 'write'): Promise<T> {
    const blocked = this.blocked(access);
    if (blocked) throw blocked;
    try {
      return await op(this.backend);
    } catch (error) {
      if (access === 'write') this.failures.writeFailures++;
      else this.failures.readFailures++;
      const kind = this.backend.classify(error);
      if (kind !== 'error' && !this.closed) this.healthMonitor.fail(kind, error);
      throw unavailable(error instanceof StoreTimeoutError ? 'timeout' : kind, error);
    }
  }

  private entryOf(row: CcrWrite, original: string, now: number): CcrEntry {
    const meta = rowMeta({
      ...row,
      createdAt: now,
      lastAccessAt: now,
      ttlMs: this.o.ttlMs,
      retrievalCount: 0,
    });
    return Object.assign(meta, { original });
  }

  /** Writes one tick's puts; resolves to the rows that stay queued because the write failed. */
  private async writeBatch(rows: CcrWrite[]): Promise<CcrWrite[]> {
    const t = this.lifetime();
    let outcomes: Awaited<ReturnType<Backend['putMany']>>;
    try {
      outcomes = await this.call((b) => b.putMany(rows, t), 'write');
    } catch (error) {
      this.lastWriteError = error;
      return rows;
    }
    outcomes.forEach((outcome, i) => {
      const { hash } = rows[i]!;
      if (outcome !== 'collision') {
        this.l1.confirm('c', hash, t.now);
        return;
      }
      this.l1.forget('c', hash);
      this.lastCollisionAt = t.now;
      this.o.logger.warn(`${this.url}: a different original is already stored under ${hash}; kept the first`);
    });
    this.sweepIfOver();
    return [];
  }

  /** Evicts in the background when the last write left the backend over its byte cap. */
  private sweepIfOver(): void {
    if (this.backend.overCapacity()) this.sweep().catch(() => {});
  }

  private async retrieve(
    hash: string,
    kind: 'full' | 'search',
    query?: string,
  ): Promise<CcrEntry | undefined> {
    if (this.closed) throw unavailable('closed');
    if (!isCcrHash(hash)) {
      this.counters.misses++;
      return undefined;
    }
    if (this.queue.has(hash)) await this.queue.settle();
    const now = this.o.now();
    let record: CcrRecord | undefined;
    try {
      record = await this.reads.load(hash);
    } catch (error) {
      const cached = this.l1.ccr(hash);
      if (!cached) throw error;
      this.failures.l1Hits++;
      cached.retrievalCount++;
      return this.retrieved(cached, kind, query, now);
    }
    const entry = record && verifiedEntry(record);
    if (!entry) {
      this.counters.misses++;
      this.l1.forget('c', hash);
      if (record) this.corrupt(hash);
      return undefined;
    }
    this.l1.setCcr(entry);
    this.l1.confirm('c', hash, now);
    return this.retrieved(entry, kind, query, now);
  }

  private retrieved(
    entry: CcrEntry,
    kind: 'full' | 'search',
    query: string | undefined,
    at: number,
  ): CcrEntry {
    if (kind === 'full') this.counters.hits++;
    else this.counters.searches++;
    // A search's event waits for its result, so it can carry the items it returned.
    if (kind === 'full') this.emitRetrieval(entry, kind, query, at);
    return entry;
  }

  private emitRetrieval(
    entry: CcrEntry,
    kind: 'full' | 'search',
    query: string | undefined,
    at: number,
    retrievedItems?: JsonValue[],
  ): void {
    const event: RetrievalEvent = { hash: entry.hash, kind, entry: entryMeta(entry), at };
    if (query !== undefined) event.query = query;
    if (retrievedItems !== undefined) event.retrievedItems = retrievedItems;
    this.events.emit('retrieval', event);
  }

  /** A stored original that fails its checksum is reported as a miss and deleted, so a re-put can restore it. */
  private corrupt(hash: string): void {
    this.failures.corruptEntries++;
    this.o.logger.warn(
      `${this.url}: stored original ${hash} failed its checksum; reported as a miss and deleted`,
    );
    this.backend.remove(hash).catch(() => {});
  }

  /** Re-puts originals the backend lost but the L1 still holds; resolves to the hashes still missing. */
  private async heal(missing: string[]): Promise<string[]> {
    const healed = new Set<string>();
    for (const hash of missing) {
      const cached = this.l1.ccr(hash);
      this.l1.unconfirm('c', hash);
      if (!cached) continue;
      this.queue.add(encodePut(cached, this.o.maxEntryBytes));
      healed.add(hash);
    }
    if (healed.size === 0) return missing;
    await this.queue.settle();
    return missing.filter((h) => !healed.has(h) || this.queue.has(h));
  }

  private evicted(evictions: Eviction[], at: number): void {
    // A memo hit served from the L1 must not point at an original that was just evicted.
    if (evictions.length > 0) this.l1.unconfirmAll('m');
    for (const { row, reason } of evictions) {
      if (reason === 'capacity') this.counters.evictions++;
      else this.counters.expirations++;
      this.l1.forget('c', row.hash);
      this.events.emit('eviction', {
        hash: row.hash,
        reason,
        retrieved: row.retrievalCount > 0,
        entry: rowMeta(row),
        at,
      });
    }
  }

  /** Back to `up`: retry failed puts, replay memo writes (first writer wins), then TOIN and stats. */
  private async recovered(): Promise<void> {
    await this.queue.settle();
    await this.memo.replay();
    await this.ledger.flushPending();
    await this.toin.flushPending();
  }
}

function unavailable(
  detail: ConstructorParameters<typeof StoreUnavailableError>[0],
  cause?: unknown,
  what = 'store unavailable',
): StoreUnavailableError {
  const reason = cause instanceof Error ? `${what}: ${cause.message}` : what;
  return new StoreUnavailableError(detail, reason, cause === undefined ? undefined : { cause });
}

function collision(hash: string): HeadroomError {
  return new HeadroomError('CCR_COLLISION', `A different original is already stored under ${hash}`);
}
