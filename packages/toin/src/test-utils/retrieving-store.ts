import {
  type CcrEntry,
  type CcrPut,
  type CcrStats,
  type CcrStore,
  type EvictionEvent,
  type JsonValue,
  type MemoryCcrStore,
  type RetrievalEvent,
  tryParseJson,
} from '@headroom/core';

/**
 * A CCR store whose search events carry the JSON items the search returned (`retrievedItems`), as
 * the event type allows; core's memory store leaves them out. Everything else is delegated.
 */
export class RetrievingStore implements CcrStore {
  private readonly listeners = new Set<(e: RetrievalEvent) => void>();

  constructor(private readonly inner: MemoryCcrStore) {}

  put(entry: CcrPut): string {
    return this.inner.put(entry);
  }

  async get(hash: string): Promise<CcrEntry | undefined> {
    const [entry, event] = await this.capture(() => this.inner.get(hash));
    if (event) this.emit(event);
    return entry;
  }

  async search(hash: string, query: string, opts?: { maxResults?: number; threshold?: number }) {
    const [result, event] = await this.capture(() => this.inner.search(hash, query, opts));
    if (result && event) {
      const retrievedItems = result.matches
        .map((m) => tryParseJson(m.text))
        .filter((v): v is JsonValue => v !== undefined);
      this.emit({ ...event, retrievedItems });
    }
    return result;
  }

  touch(hash: string): void {
    this.inner.touch(hash);
  }

  delete(hash: string): Promise<boolean> {
    return this.inner.delete(hash);
  }

  stats(): Promise<CcrStats> {
    return this.inner.stats();
  }

  flush(): Promise<void> {
    return this.inner.flush();
  }

  on(ev: 'retrieval', fn: (e: RetrievalEvent) => void): () => void;
  on(ev: 'eviction', fn: (e: EvictionEvent) => void): () => void;
  on(ev: 'retrieval' | 'eviction', fn: (e: never) => void): () => void {
    if (ev === 'eviction') return this.inner.on('eviction', fn as (e: EvictionEvent) => void);
    const listener = fn as (e: RetrievalEvent) => void;
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs a read of the inner store and catches the retrieval event it emits. */
  private async capture<T>(read: () => Promise<T>): Promise<[T, RetrievalEvent | undefined]> {
    let event: RetrievalEvent | undefined;
    const off = this.inner.on('retrieval', (e) => {
      event = e;
    });
    try {
      return [await read(), event];
    } finally {
      off();
    }
  }

  private emit(e: RetrievalEvent): void {
    for (const fn of this.listeners) fn(e);
  }
}
