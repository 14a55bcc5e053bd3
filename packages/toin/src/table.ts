import { LruMap } from '@headroom/core';
import { emptyPattern, type PatternState } from './pattern.js';

/** Per signature key: each instance's own contribution, by instance id. */
export type Slot = Map<string, PatternState>;

/**
 * Contribution records allowed per pattern slot on average: peers' patterns are kept apart (so a
 * newer export replaces an older one), and this bounds their memory to a multiple of `maxPatterns`.
 */
export const RECORDS_PER_PATTERN = 4;

/**
 * The live, mutable state: an LRU (by last update) of pattern keys, each holding the contribution
 * of this instance and of every peer merged. Keys changed since the last snapshot are tracked.
 */
export class PatternTable {
  private readonly lru: LruMap<string, Slot>;
  /** Keys whose combined pattern changed (or vanished) since `takeDirty`. */
  private dirty = new Set<string>();

  constructor(maxPatterns: number) {
    this.lru = new LruMap<string, Slot>({
      maxEntries: maxPatterns,
      maxBytes: maxPatterns * RECORDS_PER_PATTERN,
      sizeOf: (slot) => slot.size,
      onEvict: (key) => this.dirty.add(key),
    });
  }

  get size(): number {
    return this.lru.size;
  }

  /** This instance's pattern for `key`, created if missing; counts as an update (recency, dirty). */
  mutable(key: string, self: string): PatternState {
    const slot = this.lru.get(key);
    let own = slot?.get(self);
    if (!own) {
      own = emptyPattern();
      const next: Slot = slot ?? new Map();
      next.set(self, own);
      this.lru.set(key, next);
    }
    this.dirty.add(key);
    return own;
  }

  /** This instance's pattern for `key`, only if some instance has seen the key. */
  mutableIfKnown(key: string, self: string): PatternState | undefined {
    return this.lru.has(key) ? this.mutable(key, self) : undefined;
  }

  /** Sets one instance's contribution to `key` (merging or replacing is the caller's choice). */
  put(key: string, origin: string, pattern: PatternState): void {
    const slot = this.lru.get(key) ?? new Map();
    slot.set(origin, pattern);
    this.lru.set(key, slot);
    this.dirty.add(key);
  }

  /** Removes every contribution of `origin` (before its newer export replaces them). */
  dropOrigin(origin: string): void {
    for (const [key, slot] of [...this.lru.entries()]) {
      if (!slot.delete(origin)) continue;
      if (slot.size === 0) this.lru.delete(key);
      else this.lru.set(key, slot);
      this.dirty.add(key);
    }
  }

  peek(key: string): Slot | undefined {
    return this.lru.peek(key);
  }

  /** Least recently updated first. */
  entries(): IterableIterator<[string, Slot]> {
    return this.lru.entries();
  }

  markAllDirty(): void {
    for (const key of this.lru.keys()) this.dirty.add(key);
  }

  get hasChanges(): boolean {
    return this.dirty.size > 0;
  }

  takeDirty(): Set<string> {
    const out = this.dirty;
    this.dirty = new Set();
    return out;
  }

  /** Contribution records held, for stats. */
  get records(): number {
    return this.lru.bytes;
  }
}
