import { formatRetrieval, isCcrHash } from '@headroom/core';
import type { HeadroomStore } from '@headroom/store';

export interface RetrievalResult {
  text: string;
  isError: boolean;
  miss: boolean;
}

/** Executes one retrieval (proxy.md §8.2): the exact original, or an error result the model can act on. */
export async function executeRetrieval(
  store: HeadroomStore,
  hash: string | undefined,
): Promise<RetrievalResult> {
  if (!isCcrHash(hash))
    return { text: formatRetrieval(undefined, String(hash ?? 'unknown')), isError: true, miss: true };
  try {
    const entry = await store.get(hash);
    return { text: formatRetrieval(entry, hash), isError: !entry, miss: !entry };
  } catch {
    return {
      text: 'Headroom: store temporarily unavailable; retry later or re-run the tool',
      isError: true,
      miss: false,
    };
  }
}
