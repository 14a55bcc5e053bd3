import type { Counters, HeadroomStore } from '@headroom/store';
import { utcDay } from '@headroom/store';

const DAY_MS = 86_400_000;

/**
 * Sums per-request counters in memory and writes them to the store's ledger every `intervalMs`
 * (proxy.md §12: flushed every 10 s), so the request path never waits on, or writes to, the store.
 */
export class LedgerBuffer {
  private pending = new Map<
    string,
    { day: string; provider: string; family: string; counters: Partial<Counters> }
  >();
  private readonly timer: NodeJS.Timeout;
  /** The current UTC day's key, recomputed only when the day number changes (not per request). */
  private day = { number: -1, key: '' };

  constructor(
    private readonly store: HeadroomStore,
    intervalMs = 10_000,
  ) {
    this.timer = setInterval(() => void this.flush(), intervalMs).unref();
  }

  add(provider: string, family: string, counters: Partial<Counters>): void {
    const day = this.today();
    const key = `${day}\0${provider}\0${family}`;
    let slot = this.pending.get(key);
    if (!slot) {
      slot = { day, provider, family, counters: {} };
      this.pending.set(key, slot);
    }
    for (const [k, v] of Object.entries(counters) as Array<[keyof Counters, number]>) {
      slot.counters[k] = (slot.counters[k] ?? 0) + v;
    }
  }

  private today(): string {
    const now = Date.now();
    const number = Math.floor(now / DAY_MS);
    if (number !== this.day.number) this.day = { number, key: utcDay(now) };
    return this.day.key;
  }

  /** Writes what is pending; failures are dropped (the ledger is statistics, never correctness). */
  async flush(): Promise<void> {
    const batch = [...this.pending.values()];
    this.pending = new Map();
    await Promise.all(
      batch.map((b) => this.store.ledger.add(b.day, b.provider, b.family, b.counters).catch(() => undefined)),
    );
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
