import { randomBytes } from 'node:crypto';
import { Redis, ReplyError } from 'ioredis';
import type {
  Backend,
  CcrRecord,
  CcrRow,
  CcrWrite,
  Eviction,
  FailureKind,
  LedgerRow,
  Lifetime,
  PutOutcome,
} from '../backend.js';
import { StoreTimeoutError } from '../errors.js';
import { COUNTER_NAMES, LEDGER_RETENTION_DAYS } from '../ledger.js';
import type { Counters, MemoEntry, MemoHit } from '../types.js';
import type { RedisTarget } from '../url.js';
import { SCRIPTS, type ScriptName } from './scripts.js';

const PUT_OUTCOMES: readonly PutOutcome[] = ['stored', 'refreshed', 'collision'];
/**
 * A batch's deadline grows with its size (1 ms per command, 1 ms per 20 KB), so a slow-but-alive
 * server is not declared down for a 5 MB original or a 500-entry batch.
 */
const BYTES_PER_MS = 20_000;
const SCAN_COUNT = 500;

interface RedisOptions {
  keyPrefix: string;
  hotTimeoutMs: number;
  coldTimeoutMs: number;
  /** The connection dropped (`lost`) or is ready again: the store reacts before any call fails. */
  onStatus: (status: 'lost' | 'ready', error?: unknown) => void;
}

type ScriptFn = (...args: (string | number | Buffer)[]) => Promise<unknown>;

const num = (v: Buffer | string | null | undefined) => Number(v?.toString() ?? Number.NaN);

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreTimeoutError(ms)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The `redis://` backend on ioredis, for several proxies behind a load balancer. Every key has a
 * TTL (use `maxmemory-policy volatile-lru`); Lua keeps each operation atomic; commands fail fast
 * while disconnected (no offline queue) and the client reconnects on its own, backing off from
 * 100 ms to 5 s.
 */
export class RedisBackend implements Backend {
  readonly client: Redis;
  private closing = false;
  private loaded: Promise<void> = Promise.resolve();

  constructor(
    target: RedisTarget,
    private readonly o: RedisOptions,
  ) {
    this.client = new Redis({
      host: target.host,
      port: target.port,
      db: target.db,
      ...(target.username === undefined ? {} : { username: target.username }),
      ...(target.password === undefined ? {} : { password: target.password }),
      ...(target.tls ? { tls: {} } : {}),
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      enableAutoPipelining: true,
      connectTimeout: o.coldTimeoutMs,
      retryStrategy: (times) => Math.min(100 * 2 ** (times - 1), 5000),
    });
    for (const [name, script] of Object.entries(SCRIPTS)) this.client.defineCommand(name, script);
    // Without an 'error' listener ioredis would print every reconnect failure.
    this.client.on('error', () => {});
    this.client.on('close', () => {
      if (!this.closing) this.o.onStatus('lost', new Error('connection to redis closed'));
    });
    this.client.on('ready', () => {
      this.loaded = this.loadScripts();
      void this.loaded.then(() => this.o.onStatus('ready'));
    });
  }

  /** Loads every script at connect, so the first EVALSHA on the request path hits. */
  private async loadScripts(): Promise<void> {
    await Promise.all(Object.values(SCRIPTS).map((s) => this.client.script('LOAD', s.lua))).catch(() => {});
  }

  /** Resolves once connected with its scripts loaded; rejects after `coldTimeoutMs` (the store then starts down). */
  async ready(): Promise<void> {
    const connected = new Promise<void>((resolve) => {
      if (this.client.status === 'ready') resolve();
      else this.client.once('ready', () => resolve());
    });
    await withTimeout(
      connected.then(() => this.loaded),
      this.o.coldTimeoutMs,
    );
  }

  private key(kind: string, id = ''): string {
    return `${this.o.keyPrefix}${kind}${id}`;
  }

  private script(name: ScriptName, buffers = false): ScriptFn {
    const fn = (this.client as unknown as Record<string, ScriptFn>)[buffers ? `${name}Buffer` : name]!;
    return fn.bind(this.client);
  }

  private hot<T>(promise: Promise<T>, bytes = 0, commands = 1): Promise<T> {
    return withTimeout(promise, this.o.hotTimeoutMs + commands - 1 + Math.ceil(bytes / BYTES_PER_MS));
  }

  private cold<T>(promise: Promise<T>): Promise<T> {
    return withTimeout(promise, this.o.coldTimeoutMs);
  }

  async putMany(rows: CcrWrite[], t: Lifetime): Promise<PutOutcome[]> {
    const put = this.script('hrCcrPut');
    const bytes = rows.reduce((sum, r) => sum + r.bytes, 0);
    const codes = await this.hot(
      Promise.all(
        rows.map((r) =>
          put(
            this.key('ccr:', r.hash),
            r.original,
            r.digest,
            r.meta,
            r.bytes,
            t.now,
            t.ttlMs,
            t.maxLifetimeMs,
            t.throttleMs,
          ),
        ),
      ),
      bytes,
      rows.length,
    );
    return codes.map((c) => PUT_OUTCOMES[c as number]!);
  }

  async retrieveMany(requests: Map<string, number>, t: Lifetime): Promise<Map<string, CcrRecord>> {
    const get = this.script('hrCcrGet', true);
    const hashes = [...requests.keys()];
    const replies = (await this.hot(
      Promise.all(hashes.map((hash) => get(this.key('ccr:', hash), t.now, t.ttlMs, requests.get(hash)!))),
      0,
      hashes.length,
    )) as ((Buffer | null)[] | null)[];
    const found = new Map<string, CcrRecord>();
    replies.forEach((f, i) => {
      if (!f) return;
      const [o, d, m, b, c, a, ttl, r] = f;
      found.set(hashes[i]!, {
        hash: hashes[i]!,
        original: o ?? Buffer.alloc(0),
        digest: d?.toString() ?? '',
        meta: m?.toString() ?? '',
        bytes: num(b),
        createdAt: num(c),
        lastAccessAt: num(a),
        ttlMs: num(ttl),
        retrievalCount: num(r),
      });
    });
    return found;
  }

  async touchMany(hashes: string[], t: Lifetime): Promise<string[]> {
    if (hashes.length === 0) return [];
    const keys = hashes.map((h) => this.key('ccr:', h));
    const missing = (await this.hot(
      this.script('hrCcrTouch')(keys.length, ...keys, t.now, t.ttlMs, t.throttleMs),
    )) as number[];
    return missing.map((i) => hashes[i - 1]!);
  }

  async remove(hash: string): Promise<CcrRow | undefined> {
    const f = (await this.hot(this.script('hrCcrDelete')(this.key('ccr:', hash)))) as string[] | null;
    if (!f) return undefined;
    const [digest = '', meta = '', b, c, a, ttl, r] = f;
    return {
      hash,
      digest,
      meta,
      bytes: num(b),
      createdAt: num(c),
      lastAccessAt: num(a),
      ttlMs: num(ttl),
      retrievalCount: num(r),
    };
  }

  async counts(): Promise<{ entries: number; bytes: number }> {
    const keys = await this.scan(this.key('ccr:*'));
    const sizes = await this.cold(Promise.all(keys.map((k) => this.client.hget(k, 'b'))));
    const live = sizes.filter((s) => s !== null);
    return { entries: live.length, bytes: live.reduce((sum, s) => sum + Number(s), 0) };
  }

  async memoGetMany(keys: string[], t: Lifetime): Promise<Map<string, MemoHit>> {
    const hits = new Map<string, MemoHit>();
    if (keys.length === 0) return hits;
    const redisKeys = keys.map((k) => this.key('memo:', k));
    const rows = (await this.hot(
      this.script('hrMemoGet')(
        redisKeys.length,
        ...redisKeys,
        t.now,
        t.ttlMs,
        this.key('ccr:'),
        t.throttleMs,
      ),
    )) as [number, string, string, string, string, string, string, string][];
    for (const [i, output, refs, tb, ta, strategy, ec, missing] of rows) {
      const ccrRefs = JSON.parse(refs) as string[];
      const missingRefs = JSON.parse(missing) as unknown;
      hits.set(keys[i - 1]!, {
        entry: { output, ccrRefs, tokensBefore: num(tb), tokensAfter: num(ta), strategy, createdAt: num(ec) },
        // cjson encodes an empty table as {}.
        missingRefs: Array.isArray(missingRefs) ? (missingRefs as string[]) : [],
      });
    }
    return hits;
  }

  async memoPut(key: string, e: MemoEntry, t: Lifetime): Promise<boolean> {
    const written = await this.hot(
      this.script('hrMemoPut')(
        this.key('memo:', key),
        e.output,
        JSON.stringify(e.ccrRefs),
        e.tokensBefore,
        e.tokensAfter,
        e.strategy,
        e.createdAt,
        t.now,
        t.ttlMs,
        t.maxLifetimeMs,
      ),
      Buffer.byteLength(e.output),
    );
    return written === 1;
  }

  async memoDelete(key: string): Promise<void> {
    await this.hot(this.client.del(this.key('memo:', key)));
  }

  async toinSave(instanceId: string, json: string): Promise<void> {
    await this.cold(this.client.hset(this.key('toin'), instanceId, json));
  }

  async toinLoad(instanceId: string): Promise<string | undefined> {
    return (await this.cold(this.client.hget(this.key('toin'), instanceId))) ?? undefined;
  }

  async toinList(): Promise<Array<{ id: string; json: string }>> {
    const all = await this.cold(this.client.hgetall(this.key('toin')));
    return Object.entries(all)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([id, json]) => ({ id, json }));
  }

  /** One `stats:<day>` hash per day, fields `<provider>|<family>|<counter>` (URI-encoded names). */
  async ledgerAdd(rows: LedgerRow[]): Promise<void> {
    const multi = this.client.multi();
    for (const { day, provider, family, counters } of rows) {
      const key = this.key('stats:', day);
      const prefix = `${encodeURIComponent(provider)}|${encodeURIComponent(family)}|`;
      for (const name of COUNTER_NAMES) {
        const v = counters[name];
        if (v) multi.hincrby(key, prefix + name, v);
      }
      multi.pexpire(key, LEDGER_RETENTION_DAYS * 86_400_000);
    }
    await this.cold(multi.exec());
  }

  async ledgerRows(): Promise<LedgerRow[]> {
    const keys = await this.scan(this.key('stats:*'));
    const hashes = await this.cold(Promise.all(keys.map((k) => this.client.hgetall(k))));
    const rows = new Map<string, LedgerRow>();
    keys.forEach((key, i) => {
      const day = key.slice(this.key('stats:').length);
      for (const [field, value] of Object.entries(hashes[i]!)) {
        const [provider = '', family = '', name = ''] = field.split('|');
        const id = `${day}|${provider}|${family}`;
        let row = rows.get(id);
        if (!row) {
          row = {
            day,
            provider: decodeURIComponent(provider),
            family: decodeURIComponent(family),
            counters: {},
          };
          rows.set(id, row);
        }
        if ((COUNTER_NAMES as readonly string[]).includes(name))
          row.counters[name as keyof Counters] = Number(value);
      }
    });
    return [...rows.values()];
  }

  async probe(write: boolean): Promise<void> {
    await this.cold(this.client.ping());
    if (write) {
      const key = this.key('probe:', randomBytes(8).toString('hex'));
      await this.cold(this.client.set(key, '1', 'PX', 1000));
    }
  }

  async maintain(): Promise<void> {} // keys expire inside redis

  overCapacity(): boolean {
    return false; // the server's maxmemory policy evicts
  }

  classify(error: unknown): FailureKind {
    if (error instanceof ReplyError) return /^OOM/.test((error as Error).message) ? 'full' : 'error';
    return 'down';
  }

  /** Redis expiries and maxmemory evictions happen inside the server and are not reported. */
  onEvictions(_fn: (evictions: Eviction[], at: number) => void): void {}

  async close(): Promise<void> {
    this.closing = true;
    try {
      if (this.client.status === 'ready') await this.cold(this.client.quit());
    } finally {
      this.client.disconnect();
    }
  }

  private async scan(pattern: string): Promise<string[]> {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await this.cold(this.client.scan(cursor, 'MATCH', pattern, 'COUNT', SCAN_COUNT));
      keys.push(...batch);
      cursor = next;
    } while (cursor !== '0');
    return keys;
  }
}
