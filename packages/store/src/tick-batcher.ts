interface Slot<V> {
  count: number;
  waiters: { resolve: (v: V | undefined) => void; reject: (e: unknown) => void }[];
}

/**
 * Collects the keys asked for during one event-loop tick and loads them with one call (one
 * transaction, one pipeline). A key asked for twice is loaded once, with its request count.
 */
export class TickBatcher<V> {
  private pending = new Map<string, Slot<V>>();

  constructor(private readonly loadMany: (requests: Map<string, number>) => Promise<Map<string, V>>) {}

  load(key: string): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) setImmediate(() => void this.run());
      const slot = this.pending.get(key) ?? { count: 0, waiters: [] };
      this.pending.set(key, slot);
      slot.count++;
      slot.waiters.push({ resolve, reject });
    });
  }

  private async run(): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    try {
      const found = await this.loadMany(new Map([...batch].map(([key, slot]) => [key, slot.count])));
      for (const [key, slot] of batch) for (const w of slot.waiters) w.resolve(found.get(key));
    } catch (error) {
      for (const slot of batch.values()) for (const w of slot.waiters) w.reject(error);
    }
  }
}
