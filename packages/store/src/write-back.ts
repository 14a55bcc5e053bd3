import type { MemoEntry } from './types.js';

/**
 * Memo writes made while the backend is down, oldest first, bounded by count and bytes (the oldest
 * are dropped first). Replayed with first-writer-wins on recovery, so an instance keeps replaying
 * its own outputs byte-for-byte through an outage and still converges with the fleet afterwards.
 */
export class WriteBackQueue {
  private readonly entries = new Map<string, MemoEntry>();
  private bytes = 0;
  dropped = 0;

  constructor(private readonly limits: { maxEntries: number; maxBytes: number }) {}

  get size(): number {
    return this.entries.size;
  }

  add(key: string, entry: MemoEntry): void {
    this.delete(key);
    this.entries.set(key, entry);
    this.bytes += 2 * entry.output.length;
    for (const oldest of this.entries.keys()) {
      if (oldest === key) break;
      if (this.entries.size <= this.limits.maxEntries && this.bytes <= this.limits.maxBytes) break;
      this.delete(oldest);
      this.dropped++;
    }
  }

  delete(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    this.bytes -= 2 * e.output.length;
  }

  /**
   * Writes each entry with `put`, oldest first, removing it once written; stops at the first
   * failure and keeps the rest for the next recovery.
   */
  async replay(put: (key: string, entry: MemoEntry) => Promise<void>): Promise<void> {
    for (const [key, entry] of [...this.entries]) {
      await put(key, entry);
      this.delete(key);
    }
  }
}
