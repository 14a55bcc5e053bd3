import { HeadroomError } from '@headroom/core';
import type { LedgerRow } from './backend.js';
import { StoreUnavailableError } from './errors.js';
import type { Run } from './runner.js';
import type { Counters, DayRow, LedgerReport, StatsLedger } from './types.js';

export const COUNTER_NAMES = [
  'requests',
  'tokensBefore',
  'tokensAfter',
  'providerSaved',
  'usageInput',
  'usageOutput',
  'cacheRead',
  'cacheWrite',
  'retrievals',
] as const satisfies readonly (keyof Counters)[];

/** Rows older than this many days are deleted (sqlite) or expire (redis). */
export const LEDGER_RETENTION_DAYS = 400;

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

const zero = (): Counters =>
  Object.fromEntries(COUNTER_NAMES.map((name) => [name, 0])) as unknown as Counters;

function addInto(target: Partial<Counters>, c: Partial<Counters>): void {
  for (const name of COUNTER_NAMES) {
    const v = c[name];
    if (v) target[name] = (target[name] ?? 0) + v;
  }
}

/** The UTC day of a timestamp, `YYYY-MM-DD`. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Lifetime totals and the per-day sums of the last `days` days (today included), oldest first. */
export function summarizeLedger(rows: readonly LedgerRow[], days: number, now: number): LedgerReport {
  const lifetime = zero();
  const byDay = new Map<string, DayRow>();
  const first = utcDay(now - (days - 1) * DAY_MS);
  let since: string | undefined;
  for (const row of rows) {
    addInto(lifetime, row.counters);
    if (since === undefined || row.day < since) since = row.day;
    if (row.day < first) continue;
    const day = byDay.get(row.day) ?? { date: row.day, ...zero() };
    byDay.set(row.day, day);
    addInto(day, row.counters);
  }
  const sorted = [...byDay.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
  return { lifetime: { ...lifetime, since: since ?? utcDay(now) }, days: sorted };
}

/**
 * The stats ledger over any backend. Increments made while the backend is unreachable accumulate
 * here and are written on recovery: counters are additive, so nothing is counted twice.
 */
export class StoreLedger implements StatsLedger {
  private readonly pending = new Map<string, LedgerRow>();

  constructor(
    private readonly run: Run,
    private readonly now: () => number,
    private readonly closed: () => boolean,
  ) {}

  async add(day: string, provider: string, family: string, counters: Partial<Counters>): Promise<void> {
    if (this.closed()) throw new StoreUnavailableError('closed', 'the store is closed');
    if (!DAY_RE.test(day)) throw new HeadroomError('INVALID_CONFIG', `ledger day "${day}" is not YYYY-MM-DD`);
    const clean: Partial<Counters> = {};
    addInto(clean, counters);
    for (const name of COUNTER_NAMES) {
      const v = clean[name];
      if (v !== undefined && !(Number.isSafeInteger(v) && v >= 0)) {
        throw new HeadroomError(
          'INVALID_CONFIG',
          `ledger counter ${name} must be a non-negative integer, got ${v}`,
        );
      }
    }
    const row: LedgerRow = { day, provider, family, counters: clean };
    try {
      await this.run((b) => b.ledgerAdd([row]), 'write');
    } catch {
      this.keep(row);
    }
  }

  async read(opts: { days: number }): Promise<LedgerReport> {
    const rows = await this.run((b) => b.ledgerRows(), 'read');
    return summarizeLedger([...rows, ...this.pending.values()], Math.max(1, opts.days), this.now());
  }

  /** Writes what accumulated during an outage; on failure keeps it for the next recovery. */
  async flushPending(): Promise<void> {
    if (this.pending.size === 0) return;
    const rows = [...this.pending.values()];
    this.pending.clear();
    try {
      await this.run((b) => b.ledgerAdd(rows), 'write');
    } catch (error) {
      for (const row of rows) this.keep(row);
      throw error;
    }
  }

  private keep(row: LedgerRow): void {
    const key = JSON.stringify([row.day, row.provider, row.family]);
    const existing = this.pending.get(key);
    if (existing) addInto(existing.counters, row.counters);
    else this.pending.set(key, { ...row, counters: { ...row.counters } });
  }
}
