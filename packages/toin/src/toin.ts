import {
  type CompressionEvent,
  type CompressionHint,
  type DropEvent,
  type EvictionFeedback,
  LruMap,
  parseConfig,
  type RetrievalFeedback,
  structureSignature,
  type ToinAdvisor,
  type ToinBackend,
  ToinConfig,
  type ToinConfigInput,
  type ToinExport,
  type ToinPatternView,
  type ToinRecorder,
} from '@headroom/core';
import { adviseFor, type Derived } from './advice.js';
import { FileToinBackend } from './backend-file.js';
import { MemoryToinBackend } from './backend-memory.js';
import { decodeState, type ToinState } from './codec.js';
import { exportTable } from './exchange.js';
import { Network } from './network.js';
import { defaultInstanceId, safeSignature, tenantHash } from './privacy.js';
import { recordCompressionInto, recordDropInto, recordEvictionInto, recordRetrievalInto } from './record.js';
import { EMPTY_SNAPSHOT, nextSnapshot, type Snapshot } from './snapshot.js';
import { PatternTable } from './table.js';
import { processWarning, type ToinWarning, type WarningSink } from './warnings.js';

export interface ToinDeps {
  /** Where state is loaded from and saved to; default from `config.backend`. */
  backend?: ToinBackend;
  now?: () => number;
  /** 16 hex; default: a hash of host name, user id and storage path (stable across restarts). */
  instanceId?: string;
  /** Default: `process.emitWarning` (stderr, never stdout). */
  onWarning?: WarningSink;
}

export interface ToinStats {
  enabled: boolean;
  instanceId: string;
  /** Signatures held (≤ `maxPatterns`), and contribution records over all instances. */
  patterns: number;
  records: number;
  /** Peers whose exports were merged. */
  peers: number;
  /** Events recorded by this process. */
  recorded: { compressions: number; retrievals: number; evictions: number; drops: number };
  snapshot: { publishedAt: number; patterns: number };
  unsaved: boolean;
  lastSavedAt?: number;
  lastSaveError?: string;
  warnings: number;
}

const INSTANCE_ID = /^[0-9a-f]{16}$/;
const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The Tool Output Intelligence Network. Writers fold events into live per-signature state; reads
 * (`advise`, `pattern`, `isValueImportant`) only look at the last published snapshot, so they are
 * O(1), mutate nothing, and a request can never change its own compression. Nothing throws to a
 * caller: bad events are ignored, bad state is set aside with a warning.
 */
export class Toin implements ToinAdvisor, ToinRecorder {
  readonly config: ToinConfig;
  readonly instanceId: string;
  /** Resolves once the backend's state is loaded (never rejects). */
  readonly ready: Promise<void>;
  private readonly backend: ToinBackend;
  private readonly now: () => number;
  private readonly warnSink: WarningSink;
  private readonly table: PatternTable;
  private readonly network: Network;
  private readonly tenants = new LruMap<string, string>({ maxEntries: 256 });
  private readonly defaultTenant: string;
  private snapshot: Snapshot = EMPTY_SNAPSHOT;
  private unsaved = false;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly recorded = { compressions: 0, retrievals: 0, evictions: 0, drops: 0 };
  private saving: Promise<void> = Promise.resolve();
  private lastSavedAt: number | undefined;
  private lastSaveError: string | undefined;
  private warnings = 0;

  constructor(config?: ToinConfigInput, deps: ToinDeps = {}) {
    this.config = parseConfig(ToinConfig, config, 'toin');
    this.now = deps.now ?? Date.now;
    this.warnSink = deps.onWarning ?? processWarning;
    const id = deps.instanceId ?? defaultInstanceId(this.config.storagePath);
    this.instanceId = INSTANCE_ID.test(id) ? id : defaultInstanceId(id);
    this.backend =
      deps.backend ??
      (this.config.backend === 'file'
        ? new FileToinBackend(this.config.storagePath, {
            onWarning: (w) => this.warn(w),
            now: this.now,
            limits: this.limits(),
          })
        : new MemoryToinBackend());
    this.table = new PatternTable(this.config.maxPatterns);
    this.network = new Network(this.table, this.instanceId, this.config.maxFieldsPerPattern, (w) =>
      this.warn(w),
    );
    this.defaultTenant = tenantHash(this.config.tenant);
    if (!this.config.enabled) {
      this.ready = Promise.resolve();
      return;
    }
    this.ready = this.restore();
    this.every(this.config.snapshotIntervalSeconds, () => {
      if (this.table.hasChanges) this.publishSnapshot();
    });
    this.every(this.config.autoSaveIntervalSeconds, () => {
      if (this.unsaved) void this.save();
    });
  }

  // ── write side ────────────────────────────────────────────────────────────────────────────

  recordCompression(e: CompressionEvent): void {
    this.record(() => {
      const signature = e.signature || (e.items?.length ? structureSignature(e.items) : '');
      if (!signature) return false;
      recordCompressionInto(this.own(signature, e.tenant), e, this.config.maxFieldsPerPattern);
      this.recorded.compressions++;
      return true;
    });
  }

  recordRetrieval(e: RetrievalFeedback): void {
    this.record(() => {
      const signature = e.signature || (e.retrievedItems?.length ? structureSignature(e.retrievedItems) : '');
      if (!signature) return false;
      recordRetrievalInto(this.own(signature, e.tenant), e, this.config.maxFieldsPerPattern);
      this.recorded.retrievals++;
      return true;
    });
  }

  /** `strategy`, when known, credits that strategy for an eviction nobody retrieved. */
  recordEviction(e: EvictionFeedback & { strategy?: string }): void {
    this.record(() => {
      if (!e.signature) return false;
      // An eviction alone says little: it only counts for a signature TOIN already knows.
      const p = this.table.mutableIfKnown(this.key(e.signature, e.tenant), this.instanceId);
      if (!p) return false;
      recordEvictionInto(p, e);
      this.recorded.evictions++;
      return true;
    });
  }

  recordDrop(e: DropEvent): void {
    this.record(() => {
      if (!e.signature) return false;
      recordDropInto(this.own(e.signature, e.tenant), e);
      this.recorded.drops++;
      return true;
    });
  }

  // ── read side: the published snapshot only ────────────────────────────────────────────────

  advise(signature: string, query?: string, tenant?: string): CompressionHint | undefined {
    const d = this.lookup(signature, tenant);
    return d ? adviseFor(d, typeof query === 'string' ? query : undefined) : undefined;
  }

  pattern(signature: string, tenant?: string): ToinPatternView | undefined {
    return this.lookup(signature, tenant)?.view;
  }

  /** An error indicator's non-default values, and any value retrieved at least twice, are important. */
  isValueImportant(signature: string, fieldHash: string, valueHash: string, tenant?: string): boolean {
    const d = this.lookup(signature, tenant);
    if (!d) return false;
    if (d.important.has(`${fieldHash}:${valueHash}`)) return true;
    return d.errorFields.has(fieldHash) && d.errorFields.get(fieldHash) !== valueHash;
  }

  /** Makes everything recorded so far visible to reads (the timer does this every interval). */
  publishSnapshot(): void {
    try {
      this.snapshot = nextSnapshot(this.snapshot, this.table, this.config, this.now());
    } catch (error) {
      this.warn({
        code: 'snapshot_failed',
        message: `TOIN: snapshot failed (${describe(error)}); keeping the last one`,
      });
    }
  }

  // ── exchange and persistence ──────────────────────────────────────────────────────────────

  /** Hashes and aggregates only: this instance's patterns and the latest export of each merged peer. */
  export(): ToinState {
    return exportTable(this.table, this.instanceId, this.network.origins, this.now());
  }

  /**
   * Merges another instance's export (and the peers it carries). Each instance's contribution is
   * kept apart and replaced by a newer export of the same instance, so importing an export twice,
   * or a newer one, never counts anything twice. Advice follows at the next snapshot.
   */
  import(data: ToinExport): void {
    if (!this.config.enabled) return;
    try {
      const decoded = decodeState(data, this.limits());
      if (!decoded.ok) {
        this.warn({
          code: decoded.reason === 'newer_version' ? 'newer_version' : 'import_rejected',
          message: `TOIN: import rejected: ${decoded.detail}`,
        });
        return;
      }
      this.reportRejected(decoded.rejectedPatterns, 'import');
      this.network.apply(decoded.state, false);
      this.unsaved = true;
    } catch (error) {
      this.warn({
        code: 'import_rejected',
        message: `TOIN: import failed (${describe(error)})`,
      });
    }
  }

  /** Saves now if anything changed. Never rejects; a failure is a warning and `stats().lastSaveError`. */
  async flush(): Promise<void> {
    if (!this.config.enabled) return;
    await this.ready;
    await this.save();
  }

  /** Stops the timers and saves. */
  async close(): Promise<void> {
    for (const t of this.timers.splice(0)) clearInterval(t);
    await this.flush();
  }

  stats(): ToinStats {
    return {
      enabled: this.config.enabled,
      instanceId: this.instanceId,
      patterns: this.table.size,
      records: this.table.records,
      peers: this.network.origins.size,
      recorded: { ...this.recorded },
      snapshot: { publishedAt: this.snapshot.publishedAt, patterns: this.snapshot.patterns.size },
      unsaved: this.unsaved,
      ...(this.lastSavedAt === undefined ? {} : { lastSavedAt: this.lastSavedAt }),
      ...(this.lastSaveError === undefined ? {} : { lastSaveError: this.lastSaveError }),
      warnings: this.warnings,
    };
  }

  // ── internals ─────────────────────────────────────────────────────────────────────────────

  private key(signature: string, tenant: string | undefined): string {
    let t = this.defaultTenant;
    if (tenant !== undefined && tenant !== this.config.tenant) {
      t = this.tenants.peek(tenant) ?? tenantHash(tenant);
      this.tenants.set(tenant, t);
    }
    return `${t}:${safeSignature(signature)}`;
  }

  private own(signature: string, tenant: string | undefined) {
    return this.table.mutable(this.key(signature, tenant), this.instanceId);
  }

  private lookup(signature: string, tenant: string | undefined): Derived | undefined {
    if (!this.config.enabled || typeof signature !== 'string') return undefined;
    let t = this.defaultTenant;
    if (tenant !== undefined && tenant !== this.config.tenant)
      t = this.tenants.peek(tenant) ?? tenantHash(tenant);
    return this.snapshot.patterns.get(`${t}:${safeSignature(signature)}`);
  }

  /** Recording never throws to the caller; a malformed event is dropped. `fn` says if it counted. */
  private record(fn: () => boolean): void {
    if (!this.config.enabled) return;
    try {
      if (fn()) this.unsaved = true;
    } catch {
      // A malformed event (a getter that throws, a cyclic item) teaches nothing; the request goes on.
    }
  }

  private limits() {
    return { maxFields: this.config.maxFieldsPerPattern, maxPatterns: this.config.maxPatterns };
  }

  private async restore(): Promise<void> {
    try {
      const data = await this.backend.load();
      if (data !== undefined) {
        const decoded = decodeState(data, this.limits());
        if (decoded.ok) {
          this.reportRejected(decoded.rejectedPatterns, 'stored state');
          this.network.apply(decoded.state, true);
        } else {
          this.warn({
            code: decoded.reason === 'newer_version' ? 'newer_version' : 'corrupt_state',
            message: `TOIN: stored state ignored (${decoded.detail}); starting empty`,
          });
        }
      }
    } catch (error) {
      this.warn({
        code: 'load_failed',
        message: `TOIN: loading state failed (${describe(error)}); starting empty`,
      });
    }
    this.publishSnapshot();
  }

  /** Saves one after another, so `flush()` returns only once everything before it is stored. */
  private save(): Promise<void> {
    this.saving = this.saving.then(() => this.write());
    return this.saving;
  }

  private async write(): Promise<void> {
    if (!this.unsaved) return;
    this.unsaved = false;
    try {
      await this.backend.save(this.export());
      this.lastSavedAt = this.now();
      this.lastSaveError = undefined;
    } catch (error) {
      this.unsaved = true;
      this.lastSaveError = describe(error);
      this.warn({ code: 'save_failed', message: `TOIN: saving failed (${this.lastSaveError}); will retry` });
    }
  }

  private reportRejected(count: number, what: string): void {
    if (count > 0)
      this.warn({
        code: 'invalid_patterns',
        message: `TOIN: ${count} invalid pattern(s) in the ${what} skipped`,
      });
  }

  private every(seconds: number, fn: () => void): void {
    const timer = setInterval(fn, seconds * 1000);
    timer.unref();
    this.timers.push(timer);
  }

  private warn(w: ToinWarning): void {
    this.warnings++;
    try {
      this.warnSink(w);
    } catch {
      // A throwing warning handler must not break TOIN either.
    }
  }
}
