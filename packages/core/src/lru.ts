/**
 * A small LRU map on Map insertion order: `get` refreshes recency, inserts evict the least recently
 * used entries once `maxEntries` or the optional byte budget is exceeded.
 */
export class LruMap<K, V> {
  private readonly map = new Map<K, { value: V; bytes: number }>();
  private totalBytes = 0;

  constructor(
    private readonly options: {
      maxEntries: number;
      maxBytes?: number;
      sizeOf?: (value: V, key: K) => number;
      onEvict?: (key: K, value: V) => void;
    },
  ) {}

  get size(): number {
    return this.map.size;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  get(key: K): V | undefined {
    const slot = this.map.get(key);
    if (!slot) return undefined;
    this.map.delete(key);
    this.map.set(key, slot);
    return slot.value;
  }

  /** Reads without refreshing recency. */
  peek(key: K): V | undefined {
    return this.map.get(key)?.value;
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  set(key: K, value: V): void {
    this.delete(key);
    const bytes = this.options.sizeOf?.(value, key) ?? 0;
    this.map.set(key, { value, bytes });
    this.totalBytes += bytes;
    this.evict();
  }

  delete(key: K): boolean {
    const slot = this.map.get(key);
    if (!slot) return false;
    this.map.delete(key);
    this.totalBytes -= slot.bytes;
    return true;
  }

  clear(): void {
    this.map.clear();
    this.totalBytes = 0;
  }

  keys(): IterableIterator<K> {
    return this.map.keys();
  }

  *entries(): IterableIterator<[K, V]> {
    for (const [k, slot] of this.map) yield [k, slot.value];
  }

  private evict(): void {
    const { maxEntries, maxBytes = Number.POSITIVE_INFINITY, onEvict } = this.options;
    while (this.map.size > maxEntries || (this.totalBytes > maxBytes && this.map.size > 1)) {
      const oldest = this.map.keys().next().value as K;
      const slot = this.map.get(oldest)!;
      this.delete(oldest);
      onEvict?.(oldest, slot.value);
    }
  }
}
