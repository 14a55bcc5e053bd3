import {
  type CcrStore,
  configFingerprint,
  defaultCcrStore,
  type HeadroomConfigInput,
  type Tokenizer,
} from '@headroom/core';
import { ContentRouter } from './content-router.js';
import { getOrInsert } from './get-or-insert.js';
import type { CompressionStrategy, ContentType, RouteOptions } from './types.js';

export interface CompressContentOptions extends RouteOptions {
  store?: CcrStore;
  /** Epoch milliseconds; past it the original comes back unchanged. */
  deadline?: number;
  config?: HeadroomConfigInput;
  /**
   * Counts behind the decisions and the reported `tokensBefore`/`tokensAfter` (default: the exact
   * BPE tokenizer). The proxy passes core's `estimatingTokenizer` and counts what it forwarded.
   */
  tokenizer?: Tokenizer;
}

export interface CompressContentResult {
  compressed: string;
  type: ContentType;
  strategy: CompressionStrategy;
  tokensBefore: number;
  tokensAfter: number;
  /** Hashes of the originals committed to the store. */
  ccr: string[];
}

const routers = new WeakMap<CcrStore, Map<string, ContentRouter>>();

function routerFor(
  store: CcrStore,
  config: HeadroomConfigInput | undefined,
  tokenizer: Tokenizer | undefined,
): ContentRouter {
  const byConfig = getOrInsert(routers, store, () => new Map<string, ContentRouter>());
  const key = `${tokenizer?.id ?? 'default'}:${configFingerprint(config ?? {})}`;
  return getOrInsert(byConfig, key, () => {
    return new ContentRouter(config?.contentRouter, {
      store,
      ...(config ? { headroom: config } : {}),
      ...(tokenizer ? { tokenizer } : {}),
    });
  });
}

/** One content through a cached router (the proxy, `headroom compress --json`, the MCP server). */
export async function compressContent(
  text: string,
  opts: CompressContentOptions = {},
): Promise<CompressContentResult> {
  const { store = defaultCcrStore(), deadline, config, tokenizer, ...route } = opts;
  const router = routerFor(store, config, tokenizer);
  const controller = deadline === undefined ? undefined : new AbortController();
  const left = deadline === undefined ? 0 : deadline - Date.now();
  if (controller && left <= 0) controller.abort();
  const timer = controller && left > 0 ? setTimeout(() => controller.abort(), left) : undefined;
  // Removed again below: a caller's long-lived signal must not collect one listener per call.
  const forward = () => controller?.abort();
  if (controller && route.signal) route.signal.addEventListener('abort', forward, { once: true });
  try {
    const signal = controller?.signal ?? route.signal;
    const r = await router.compress(text, { ...route, ...(signal ? { signal } : {}) });
    const main = r.routingLog.find((d) => d.accepted) ?? r.routingLog[0];
    return {
      compressed: r.compressed,
      type: main?.contentType ?? 'text',
      strategy: r.strategyUsed,
      tokensBefore: r.tokensBefore,
      tokensAfter: r.tokensAfter,
      ccr: r.ccrHashes,
    };
  } finally {
    clearTimeout(timer);
    route.signal?.removeEventListener('abort', forward);
  }
}
