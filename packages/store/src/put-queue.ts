import type { CcrWrite } from './backend.js';

/**
 * The durable side of the synchronous `put`: rows queued in one event-loop tick are written as one
 * batch (one transaction, or one pipeline). A batch that fails stays queued for the next drain, so
 * a later `flush()` either makes it durable or rejects: a lossy result never counts on an original
 * that was not written.
 */
export class PutQueue {
  private pending = new Map<string, CcrWrite>();
  private readonly failed = new Map<string, CcrWrite>();
  private readonly writing = new Set<string>();
  private readonly inflight = new Set<Promise<void>>();
  private scheduled = false;

  /** `write` never rejects: it resolves to the rows that could not be written. */
  constructor(private readonly write: (rows: CcrWrite[]) => Promise<CcrWrite[]>) {}

  /** Rows whose last write failed (retried by the next drain). */
  get failures(): number {
    return this.failed.size;
  }

  has(hash: string): boolean {
    return this.pending.has(hash) || this.writing.has(hash) || this.failed.has(hash);
  }

  add(row: CcrWrite): void {
    this.pending.set(row.hash, row);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.drain();
    });
  }

  /** Starts writing everything queued, failed rows included. */
  drain(): void {
    for (const [hash, row] of this.failed) if (!this.pending.has(hash)) this.pending.set(hash, row);
    this.failed.clear();
    if (this.pending.size === 0) return;
    const rows = [...this.pending.values()];
    this.pending = new Map();
    for (const row of rows) this.writing.add(row.hash);
    const done = this.write(rows).then((unwritten) => {
      for (const row of rows) this.writing.delete(row.hash);
      for (const row of unwritten) this.failed.set(row.hash, row);
    });
    this.inflight.add(done);
    void done.finally(() => this.inflight.delete(done));
  }

  /** Drains, then waits for every batch in flight (not for rows queued after this call). */
  async settle(): Promise<void> {
    this.drain();
    await Promise.all([...this.inflight]);
  }
}
