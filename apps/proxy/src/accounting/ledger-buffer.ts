import type { Counters, HeadroomStore } from '@headroom/store';
import { utcDay } from '@headroom/store';

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

  constructor(
    private readonly store: HeadroomStore,
    intervalMs = 10_000,
  ) {
    this.timer = setInterval(() => void this.flush(), intervalMs).unref();
  }

  add(provider: string, family: string, counters: Partial<Counters>): void {
    const day = utcDay(Date.now());
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
