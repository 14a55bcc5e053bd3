import type { CcrPut } from './ccr/store.js';
import { MemoConfig, type MemoConfigInput } from './config/core.js';
import { parseConfig } from './config/shared.js';
import { contentHash } from './hash.js';
import { LruMap } from './lru.js';

export interface MemoValue {
  compressed: string;
  ccrHashes: readonly string[];
  strategy: string;
  /** How to put the originals back when the store has lost them (the client just re-sent them). */
  restore?: readonly MemoRestore[];
}

/** One CCR entry of a memoized compression, rebuilt from the content instead of kept twice. */
export interface MemoRestore {
  entry: Omit<CcrPut, 'original'>;
  /** The original is `content.slice(from, to)`… */
  from: number;
  to: number;
  /** …after this named, deterministic rewrite, when the compressor saw a rewritten slice. */
  rewrite?: string;
}

interface Slot extends MemoValue {
  lastAccessAt: number;
}

/**
 * Remembers how a content was compressed, keyed by content hash and strategy fingerprint but not by
 * query: the first compression of a content wins, so later turns re-send identical bytes and the
 * provider's prompt cache keeps hitting even though the user's latest question changed.
 */
export class MemoCache {
  readonly config: MemoConfig;
  private readonly lru: LruMap<string, Slot>;
  private readonly now: () => number;

  constructor(config?: MemoConfigInput, deps: { now?: () => number } = {}) {
    this.config = parseConfig(MemoConfig, config, 'memo');
    this.now = deps.now ?? Date.now;
    this.lru = new LruMap({
      maxEntries: this.config.maxEntries,
      maxBytes: this.config.maxBytes,
      sizeOf: (v, k) => 2 * (v.compressed.length + k.length),
    });
  }

  static key(original: string, strategyFingerprint: string): string {
    return `${contentHash(original)}:${strategyFingerprint}`;
  }

  get(key: string): MemoValue | undefined {
    const slot = this.lru.get(key);
    if (!slot) return undefined;
    const now = this.now();
    if (now - slot.lastAccessAt >= this.config.ttlSeconds * 1000) {
      this.lru.delete(key);
      return undefined;
    }
    slot.lastAccessAt = now;
    const { compressed, ccrHashes, strategy, restore } = slot;
    return restore ? { compressed, ccrHashes, strategy, restore } : { compressed, ccrHashes, strategy };
  }

  set(key: string, value: MemoValue): void {
    this.lru.set(key, { ...value, lastAccessAt: this.now() });
  }

  get size(): number {
    return this.lru.size;
  }

  clear(): void {
    this.lru.clear();
  }
}
