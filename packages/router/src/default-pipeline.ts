import { CacheAligner } from '@headroom/aligner';
import { IntelligentContextManager, RollingWindow } from '@headroom/context';
import {
  type CcrStore,
  defaultCcrStore,
  type Embedder,
  HeadroomConfig,
  type HeadroomConfigInput,
  MemoCache,
  parseConfig,
  type Transform,
  TransformPipeline,
} from '@headroom/core';
import { attachToStore, type Toin } from '@headroom/toin';
import { ContentRouter } from './content-router.js';
import { getOrInsert } from './get-or-insert.js';

export interface DefaultPipelineOptions {
  config?: HeadroomConfigInput;
  store?: CcrStore;
  /** Learns from every compression and from the store's retrievals and evictions. */
  toin?: Toin;
  /** The last step: RollingWindow (default), IntelligentContextManager, or none. */
  contextManager?: 'rolling-window' | 'intelligent' | 'none';
  /** Semantic similarity for IntelligentContextManager (e.g. @headroom/lingua's EmbeddingScorer). */
  embedder?: Embedder;
  /** Shared by every step that memoizes (default: a new cache with `config.memo` limits). */
  memo?: MemoCache;
}

/**
 * The seed's recommended order: stabilize the prefix (CacheAligner), compress tool outputs
 * (ContentRouter, which stands in for the seed's separate SmartCrusher and LLMLingua steps), then
 * enforce the window (a context manager, always last).
 */
export function createDefaultPipeline(opts: DefaultPipelineOptions = {}): TransformPipeline {
  const config = parseConfig(HeadroomConfig, opts.config, 'headroom');
  const store = opts.store ?? defaultCcrStore();
  const memo = opts.memo ?? new MemoCache(config.memo);
  const toin = opts.toin ? { toin: opts.toin } : {};
  if (opts.toin) attachOnce(opts.toin, store);
  const steps: Transform[] = [
    new CacheAligner(config.cacheAligner),
    new ContentRouter(config.contentRouter, { store, memo, headroom: config, ...toin }),
  ];
  const manager = opts.contextManager ?? 'rolling-window';
  if (manager === 'rolling-window') steps.push(new RollingWindow(config.rollingWindow, { store }));
  if (manager === 'intelligent') {
    // Compress-first before dropping: a relaxed router that also takes small and recent outputs.
    const compressor = new ContentRouter(
      { ...config.contentRouter, minSectionTokens: 20, acceptRatio: 0.9, protectRecentCode: 0 },
      { store, headroom: config, ...toin },
    );
    steps.push(
      new IntelligentContextManager(config.intelligentContext, {
        store,
        compressor,
        ...toin,
        ...(opts.embedder ? { embedder: opts.embedder } : {}),
      }),
    );
  }
  return new TransformPipeline(steps, config.pipeline);
}

// One subscription per (TOIN, store) pair however many pipelines share them: no double counting.
const attached = new WeakMap<CcrStore, WeakSet<Toin>>();

function attachOnce(toin: Toin, store: CcrStore): void {
  const toins = getOrInsert(attached, store, () => new WeakSet<Toin>());
  if (toins.has(toin)) return;
  toins.add(toin);
  attachToStore(toin, store);
}
