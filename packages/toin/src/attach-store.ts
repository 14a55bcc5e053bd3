import type { CcrStore, EvictionEvent, RetrievalEvent } from '@headroom/core';
import type { Toin } from './toin.js';

/**
 * Feeds a CCR store's events to TOIN: retrievals (with the query and, for JSON search hits, the
 * returned items) and evictions, whose `retrieved` flag travels in the event itself, so the
 * deleted entry is never needed. Entries stored without a signature teach nothing and are skipped.
 * Returns the function that detaches both listeners.
 */
export function attachToStore(toin: Toin, store: CcrStore): () => void {
  const offRetrieval = store.on('retrieval', (e: RetrievalEvent) => {
    const { signature, strategy } = e.entry;
    if (!signature) return;
    toin.recordRetrieval({
      signature,
      kind: e.kind,
      strategy,
      ...(e.query === undefined ? {} : { query: e.query }),
      ...(e.retrievedItems === undefined ? {} : { retrievedItems: e.retrievedItems }),
    });
  });
  const offEviction = store.on('eviction', (e: EvictionEvent) => {
    const { signature, strategy } = e.entry;
    if (!signature) return;
    toin.recordEviction({ signature, retrieved: e.retrieved, strategy });
  });
  return () => {
    offRetrieval();
    offEviction();
  };
}
