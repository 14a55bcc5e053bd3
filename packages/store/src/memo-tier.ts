import { HeadroomError } from '@headroom/core';
import type { Lifetime } from './backend.js';
import { StoreUnavailableError } from './errors.js';
import type { L1 } from './l1.js';
import type { Run } from './runner.js';
import { isMemoKey, isWellFormed } from './text.js';
import type { MemoEntry, MemoHit, StoreState } from './types.js';
import type { WriteBackQueue } from './write-back.js';

export interface MemoTierDeps {
  l1: L1;
  writeBack: WriteBackQueue;
  run: Run;
  state: () => StoreState;
  lifetime: () => Lifetime;
  /** A memo read served by the L1 without the backend's confirmation. */
  l1Hit: () => void;
  /** After a write that may have left the backend over its cap. */
  written: () => void;
}

/**
 * The proxy's memo over the L1 and a backend. Hits come from the L1 only while the backend
 * confirmed their refs within the refresh interval (or, while it is down, unconfirmed); writes made
 * during an outage go to the write-back queue and are replayed with first-writer-wins.
 */
export class MemoTier {
  constructor(private readonly d: MemoTierDeps) {}

  async getMany(keys: string[]): Promise<Map<string, MemoHit>> {
    const { l1 } = this.d;
    const t = this.d.lifetime();
    const reachable = this.d.state() !== 'down';
    const hits = new Map<string, MemoHit>();
    const ask: string[] = [];
    for (const key of new Set(keys)) {
      const cached = l1.memo(key);
      if (cached && (!reachable || l1.fresh('m', key, t.now))) {
        hits.set(key, { entry: cached, missingRefs: [] });
        if (!reachable) this.d.l1Hit();
      } else if (reachable) {
        ask.push(key);
      }
    }
    if (ask.length === 0) return hits;
    try {
      const found = await this.d.run((b) => b.memoGetMany(ask, t), 'read');
      for (const key of ask) this.remember(key, found.get(key), t.now, hits);
    } catch {
      // Backend unreachable: the L1's entries are used unconfirmed; a miss forwards the original.
      for (const key of ask) {
        const cached = l1.memo(key);
        if (!cached) continue;
        hits.set(key, { entry: cached, missingRefs: [] });
        this.d.l1Hit();
      }
    }
    return hits;
  }

  async put(key: string, entry: MemoEntry): Promise<boolean> {
    if (!isMemoKey(key)) throw new HeadroomError('INVALID_CONFIG', `memo key "${key}" is not lowercase hex`);
    if (!isWellFormed(entry.output)) {
      throw new StoreUnavailableError('not_well_formed', 'memo output holds a lone UTF-16 surrogate');
    }
    if (this.d.state() === 'up') {
      try {
        return await this.write(key, entry);
      } catch {
        // Falls through to the write-back queue.
      }
    }
    this.d.l1.setMemo(key, entry);
    this.d.writeBack.add(key, entry);
    return true;
  }

  async delete(key: string): Promise<void> {
    this.d.l1.forget('m', key);
    this.d.writeBack.delete(key);
    await this.d.run((b) => b.memoDelete(key), 'write').catch(() => {});
  }

  /** Writes the entries queued during an outage, oldest first. */
  replay(): Promise<void> {
    return this.d.writeBack.replay(async (key, entry) => {
      await this.write(key, entry);
    });
  }

  private async write(key: string, entry: MemoEntry): Promise<boolean> {
    const won = await this.d.run((b) => b.memoPut(key, entry, this.d.lifetime()), 'write');
    // A winner is not confirmed yet: its first lookup asks the backend about its refs.
    if (won) this.d.l1.setMemo(key, entry);
    else this.d.l1.forget('m', key);
    this.d.written();
    return won;
  }

  /** Records a backend answer in the L1: confirmed only when every ref was there. */
  private remember(key: string, hit: MemoHit | undefined, now: number, hits: Map<string, MemoHit>): void {
    const { l1 } = this.d;
    if (!hit) {
      l1.forget('m', key);
      return;
    }
    hits.set(key, hit);
    l1.setMemo(key, hit.entry);
    const missing = new Set(hit.missingRefs);
    for (const ref of hit.entry.ccrRefs) {
      if (missing.has(ref)) l1.unconfirm('c', ref);
      else l1.confirm('c', ref, now);
    }
    if (missing.size === 0) l1.confirm('m', key, now);
    else l1.unconfirm('m', key);
  }
}
