import { type CcrPut, type CcrSink, contentHash } from '@headroom/core';

/**
 * Collects a compressor's CCR writes so they reach the real store only if the router accepts the
 * result: a rejected attempt leaves no orphan entry behind.
 */
export class StagingSink implements CcrSink {
  private staged = new Map<string, CcrPut>();

  put(entry: CcrPut): string {
    const hash = contentHash(entry.original);
    this.staged.set(hash, entry);
    return hash;
  }

  /** The staged entries, leaving the sink empty. */
  take(): CcrPut[] {
    const puts = [...this.staged.values()];
    this.staged = new Map();
    return puts;
  }

  clear(): void {
    this.staged.clear();
  }
}
