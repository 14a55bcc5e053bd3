import type Database from 'better-sqlite3';
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
} from '../backend.js';
import { COUNTER_NAMES, LEDGER_RETENTION_DAYS, utcDay } from '../ledger.js';
import type { Counters, MemoEntry, MemoHit, StoreLogger } from '../types.js';
import { openDatabase } from './open-database.js';
import { LEDGER_COLUMNS, prepareStatements, type Statements } from './statements.js';

/** Sweeps, evictions and vacuum work in slices this big, yielding to the event loop between them. */
const SLICE = 500;
/** Eviction frees space down to this fraction of the cap, so it does not run on every put. */
const EVICT_TO = 0.9;
const MEMO_CHUNK = 500;

const DOWN_CODES = /^SQLITE_(IOERR|CANTOPEN|READONLY|CORRUPT|NOTADB|NOMEM|PERM)/;

class NotOpenError extends Error {
  constructor(path: string) {
    super(`${path} is not open`);
  }
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The named parameters of the refresh statements. */
const times = (t: Lifetime) => ({ now: t.now, ttl: t.ttlMs, max: t.maxLifetimeMs, throttle: t.throttleMs });

interface SqliteOptions {
  path: string;
  maxBytes: number;
  busyTimeoutMs: number;
  logger: StoreLogger;
}

/**
 * The `sqlite:PATH` backend on better-sqlite3: one WAL file shared by every process on the host.
 * Calls are synchronous underneath; each batch is one immediate transaction, and every write is an
 * idempotent upsert, so concurrent processes only ever wait on `busy_timeout`.
 */
export class SqliteBackend implements Backend {
  private db: Database.Database | undefined;
  private s: Statements | undefined;
  private over = false;
  private listener: (evictions: Eviction[], at: number) => void = () => {};

  constructor(private readonly o: SqliteOptions) {}

  /** Opens the file; throws if it cannot (the store then starts down and the probe retries). */
  open(): void {
    if (this.db) return;
    const db = openDatabase(this.o.path, this.o.busyTimeoutMs, this.o.logger);
    this.s = prepareStatements(db);
    this.db = db;
  }

  private get st(): Statements {
    if (!this.s) throw new NotOpenError(this.o.path);
    return this.s;
  }

  /** Runs `fn` in one immediate transaction (the write lock up front: no upgrade deadlocks). */
  private tx<T>(fn: () => T): T {
    const st = this.st;
    st.begin.run();
    try {
      const result = fn();
      st.commit.run();
      return result;
    } catch (error) {
      if (this.db?.inTransaction) st.rollback.run();
      throw error;
    }
  }

  async putMany(rows: CcrWrite[], t: Lifetime): Promise<PutOutcome[]> {
    const st = this.st;
    const replaced: Eviction[] = [];
    const outcomes = this.tx(() =>
      rows.map((row): PutOutcome => {
        const head = st.head.get(row.hash) as (CcrRow & { expiresAt: number }) | undefined;
        if (head && head.expiresAt > t.now) {
          if (head.digest !== row.digest) return 'collision';
          st.refresh.run({ hash: row.hash, ...times(t) });
          return 'refreshed';
        }
        if (head) {
          st.deleteCcr.run(row.hash); // expired but not yet swept: replaced whole
          replaced.push({ row: head, reason: 'expired' });
        }
        st.insert.run({
          hash: row.hash,
          digest: row.digest,
          meta: row.meta,
          bytes: row.bytes,
          now: t.now,
          ttl: t.ttlMs,
          expires: initialExpiry(t),
        });
        st.insertBlob.run(row.hash, row.original);
        return 'stored';
      }),
    );
    this.over = this.totalBytes() > this.o.maxBytes;
    if (replaced.length > 0) this.listener(replaced, t.now);
    return outcomes;
  }

  async retrieveMany(requests: Map<string, number>, t: Lifetime): Promise<Map<string, CcrRecord>> {
    const st = this.st;
    return this.tx(() => {
      const found = new Map<string, CcrRecord>();
      for (const [hash, n] of requests) {
        const row = st.retrieve.get({ hash, n, now: t.now, ttl: t.ttlMs, max: t.maxLifetimeMs }) as
          | CcrRow
          | undefined;
        if (!row) continue;
        const blob = st.blob.get(hash) as { original: Buffer } | undefined;
        // A row without its blob is corruption: the empty buffer fails the checksum upstream.
        found.set(hash, { ...row, original: blob?.original ?? Buffer.alloc(0) });
      }
      return found;
    });
  }

  async touchMany(hashes: string[], t: Lifetime): Promise<string[]> {
    const st = this.st;
    const json = JSON.stringify(hashes);
    const live = this.tx(() => {
      st.touch.run({ hashes: json, ...times(t) });
      return st.live.all(json, t.now) as { hash: string }[];
    });
    const found = new Set(live.map((r) => r.hash));
    return hashes.filter((h) => !found.has(h));
  }

  async remove(hash: string): Promise<CcrRow | undefined> {
    const st = this.st;
    return this.tx(() => st.remove.get(hash) as CcrRow | undefined);
  }

  async counts(now: number): Promise<{ entries: number; bytes: number }> {
    return this.st.counts.get(now) as { entries: number; bytes: number };
  }

  async memoGetMany(keys: string[], t: Lifetime): Promise<Map<string, MemoHit>> {
    const hits = new Map<string, MemoHit>();
    for (let i = 0; i < keys.length; i += MEMO_CHUNK) {
      for (const [key, hit] of this.memoChunk(keys.slice(i, i + MEMO_CHUNK), t)) hits.set(key, hit);
    }
    return hits;
  }

  /** One transaction: the live memo rows, their missing refs, and the refresh of hits and refs. */
  private memoChunk(keys: string[], t: Lifetime): Map<string, MemoHit> {
    const st = this.st;
    return this.tx(() => {
      type Row = Omit<MemoEntry, 'ccrRefs'> & { key: string; refs: string };
      const rows = st.memoSelect.all({ keys: JSON.stringify(keys), now: t.now }) as Row[];
      const hits = new Map<string, MemoHit>();
      if (rows.length === 0) return hits;
      const refsOf = new Map(rows.map((r) => [r.key, JSON.parse(r.refs) as string[]]));
      const allRefs = [...new Set([...refsOf.values()].flat())];
      const missing = new Set(
        (st.memoMissing.all({ hashes: JSON.stringify(allRefs), now: t.now }) as { hash: string }[]).map(
          (r) => r.hash,
        ),
      );
      st.memoRefresh.run({ keys: JSON.stringify(rows.map((r) => r.key)), ...times(t) });
      st.touch.run({ hashes: JSON.stringify(allRefs.filter((h) => !missing.has(h))), ...times(t) });
      for (const r of rows) {
        const ccrRefs = refsOf.get(r.key)!;
        const { output, tokensBefore, tokensAfter, strategy, createdAt } = r;
        const entry: MemoEntry = { output, ccrRefs, tokensBefore, tokensAfter, strategy, createdAt };
        hits.set(r.key, { entry, missingRefs: ccrRefs.filter((h) => missing.has(h)) });
      }
      return hits;
    });
  }

  async memoPut(key: string, e: MemoEntry, t: Lifetime): Promise<boolean> {
    const st = this.st;
    const won = this.tx(() => {
      st.memoDropExpired.run({ key, now: t.now });
      return (
        st.memoInsert.run({
          key,
          strategy: e.strategy,
          tokensBefore: e.tokensBefore,
          tokensAfter: e.tokensAfter,
          refs: JSON.stringify(e.ccrRefs),
          createdAt: e.createdAt,
          bytes: Buffer.byteLength(e.output, 'utf8'),
          now: t.now,
          expires: initialExpiry(t),
          output: e.output,
        }).changes === 1
      );
    });
    this.over = this.totalBytes() > this.o.maxBytes;
    return won;
  }

  async memoDelete(key: string): Promise<void> {
    this.st.memoDelete.run(key);
  }

  async toinSave(instanceId: string, json: string): Promise<void> {
    this.st.toinSave.run(instanceId, Date.now(), json);
  }

  async toinLoad(instanceId: string): Promise<string | undefined> {
    return (this.st.toinLoad.get(instanceId) as { data: string } | undefined)?.data;
  }

  async toinList(): Promise<Array<{ id: string; json: string }>> {
    return this.st.toinList.all() as Array<{ id: string; json: string }>;
  }

  async ledgerAdd(rows: LedgerRow[]): Promise<void> {
    const st = this.st;
    this.tx(() => {
      for (const { day, provider, family, counters } of rows) {
        const values = Object.fromEntries(
          COUNTER_NAMES.map((name, i) => [LEDGER_COLUMNS[i], counters[name] ?? 0]),
        );
        st.ledgerAdd.run({ day, provider, family, ...values });
      }
      st.ledgerPrune.run(utcDay(Date.now() - LEDGER_RETENTION_DAYS * 86_400_000));
    });
  }

  async ledgerRows(): Promise<LedgerRow[]> {
    const rows = this.st.ledgerRows.all() as Array<Record<string, string | number>>;
    return rows.map((r) => ({
      day: r.day as string,
      provider: r.provider as string,
      family: r.family as string,
      counters: Object.fromEntries(
        COUNTER_NAMES.map((name, i) => [name, r[LEDGER_COLUMNS[i]!] as number]),
      ) as unknown as Counters,
    }));
  }

  async probe(write: boolean): Promise<void> {
    this.open();
    this.st.probeRead.get();
    if (write) this.st.probeWrite.run(Date.now());
  }

  async maintain(now: number): Promise<void> {
    while (this.expireSlice(now) === SLICE) await yieldToLoop();
    let total = this.totalBytes();
    const target = Math.floor(this.o.maxBytes * EVICT_TO);
    while (total > this.o.maxBytes || (this.over && total > target)) {
      this.over = true;
      const freed = this.evictSlice(total - target, now);
      if (freed === 0) break;
      await yieldToLoop();
      total = this.totalBytes();
    }
    this.over = false;
    this.db?.pragma(`incremental_vacuum(${SLICE})`);
  }

  overCapacity(): boolean {
    return this.over;
  }

  classify(error: unknown): FailureKind {
    if (error instanceof NotOpenError) return 'down';
    const code = String((error as { code?: unknown } | null)?.code ?? '');
    if (code.startsWith('SQLITE_FULL')) return 'full';
    if (DOWN_CODES.test(code) || /^E[A-Z]+$/.test(code)) return 'down';
    return 'error';
  }

  onEvictions(fn: (evictions: Eviction[], at: number) => void): void {
    this.listener = fn;
  }

  async close(): Promise<void> {
    const db = this.db;
    this.db = undefined;
    this.s = undefined;
    if (!db) return;
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
  }

  private totalBytes(): number {
    return (this.st.totalBytes.get() as { value: number }).value;
  }

  /** Deletes up to one slice of expired rows of each table; returns the larger count. */
  private expireSlice(now: number): number {
    const st = this.st;
    const [rows, memos] = this.tx(() => {
      const expired = st.expiredCcr.all(now, SLICE) as CcrRow[];
      for (const row of expired) st.deleteCcr.run(row.hash);
      return [expired, st.expiredMemo.run(now, SLICE).changes] as const;
    });
    if (rows.length > 0)
      this.listener(
        rows.map((row) => ({ row, reason: 'expired' })),
        now,
      );
    return Math.max(rows.length, memos);
  }

  /** Deletes the least recently used rows of both tables, oldest first, until `excess` bytes are freed. */
  private evictSlice(excess: number, now: number): number {
    const st = this.st;
    const evicted: CcrRow[] = [];
    const freed = this.tx(() => {
      const ccr = (st.lruCcr.all(SLICE) as CcrRow[]).map((row) => ({ at: row.lastAccessAt, row }));
      const memo = st.lruMemo.all(SLICE) as { key: string; bytes: number; lastAccessAt: number }[];
      const candidates = [...ccr, ...memo.map((m) => ({ at: m.lastAccessAt, memo: m }))].sort(
        (a, b) => a.at - b.at,
      );
      let bytes = 0;
      for (const c of candidates) {
        if (bytes >= excess) break;
        if ('row' in c) {
          st.deleteCcr.run(c.row.hash);
          evicted.push(c.row);
          bytes += c.row.bytes;
        } else {
          st.memoDelete.run(c.memo.key);
          bytes += c.memo.bytes;
        }
      }
      return bytes;
    });
    if (evicted.length > 0)
      this.listener(
        evicted.map((row) => ({ row, reason: 'capacity' })),
        now,
      );
    return freed;
  }
}
