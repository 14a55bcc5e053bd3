import {
  contentHash,
  type Embedder,
  type EmbeddingConfig,
  type EmbeddingConfigInput,
  HeadroomError,
  LruMap,
} from '@headroom/core';
import { embeddingConfig } from './config.js';
import { inferenceQueue } from './inference-queue.js';
import { loadOnnx } from './load-model.js';
import { type LinguaLog, reportOnce, stderrLog } from './log.js';
import { ModelCache } from './model-cache.js';
import { EMBEDDING_MODEL_ENV } from './model-source.js';

/** Embedding models have no retry setting of their own: a failed load is retried after a minute. */
const RETRY_AFTER_MS = 60_000;

interface EmbeddingModel {
  readonly notices: readonly string[];
  /** Mean-pooled, L2-normalized vectors of up to `maxLength` tokens each. */
  embedBatch(texts: string[], maxLength: number): Promise<Float32Array[]>;
  dispose(): Promise<void>;
}

const cache = new ModelCache<EmbeddingModel>();

async function load(config: EmbeddingConfig): Promise<EmbeddingModel> {
  const loaded = await loadOnnx({
    model: config.model,
    device: config.device,
    dtype: config.dtype,
    allowRemoteModels: config.allowRemoteModels,
    cacheDir: config.cacheDir,
    task: 'feature-extraction',
    envName: EMBEDDING_MODEL_ENV,
    what: 'a sentence-embedding ONNX export',
  });
  const { tf, tokenizer, model } = loaded;
  return {
    notices: loaded.notices,
    async embedBatch(texts, maxLength) {
      const inputs = tokenizer(texts, { padding: true, truncation: true, max_length: maxLength });
      const out = (await model(inputs)) as Record<string, { dims: number[]; data: unknown } | undefined>;
      const hidden = out.last_hidden_state ?? out.token_embeddings ?? Object.values(out)[0];
      if (!hidden || !(hidden.data instanceof Float32Array)) {
        throw new HeadroomError('INTERNAL', 'the embedding model returned no float output');
      }
      const pooled =
        hidden.dims.length === 3
          ? tf.mean_pooling(hidden as InstanceType<typeof tf.Tensor>, inputs.attention_mask)
          : (hidden as InstanceType<typeof tf.Tensor>);
      const [rows, width] = pooled.dims as [number, number];
      const data = pooled.data as Float32Array;
      return Array.from({ length: rows }, (_, r) => normalize(data.slice(r * width, (r + 1) * width)));
    },
    async dispose() {
      await model.dispose();
    },
  };
}

function normalize(v: Float32Array): Float32Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < v.length; i++) v[i]! /= norm;
  return v;
}

/**
 * Sentence embeddings (feature extraction, mean pooling, L2 normalization) for semantic
 * similarity, e.g. IntelligentContextManager's semantic factor. Vectors are memoized by content
 * hash. Unlike the compressor, `embed` rejects (`MODEL_UNAVAILABLE`, …) when it cannot answer:
 * the `Embedder` contract lets the caller fall back to TF-IDF.
 */
export class EmbeddingScorer implements Embedder {
  readonly config: EmbeddingConfig;
  private readonly memo: LruMap<string, Float32Array>;

  constructor(
    config?: EmbeddingConfigInput,
    private readonly deps: { log?: LinguaLog } = {},
  ) {
    this.config = embeddingConfig(config);
    this.memo = new LruMap({ maxEntries: this.config.cacheEntries });
  }

  /** One unit vector per text, in order (shared with the memo: treat them as read-only). */
  async embed(texts: string[]): Promise<Float32Array[]> {
    const keys = texts.map((t) => contentHash(t));
    const found = new Map<string, Float32Array>();
    const todo = new Map<string, string>();
    keys.forEach((key, i) => {
      if (found.has(key) || todo.has(key)) return;
      const hit = this.memo.get(key);
      if (hit) found.set(key, hit);
      else todo.set(key, texts[i]!);
    });
    if (todo.size > 0) {
      const { config } = this;
      const model = await cache.get(
        `${config.model}|${config.device}|${config.dtype}`,
        () => load(config),
        RETRY_AFTER_MS,
      );
      reportOnce(model, model.notices, this.deps.log ?? stderrLog);
      const pending = [...todo];
      for (let b = 0; b < pending.length; b += config.batchSize) {
        const batch = pending.slice(b, b + config.batchSize);
        const texts = batch.map(([, text]) => text);
        const vectors = await inferenceQueue.enqueue(() => model.embedBatch(texts, config.maxLength))!;
        batch.forEach(([key], i) => {
          found.set(key, vectors[i]!);
          this.memo.set(key, vectors[i]!);
        });
      }
    }
    return keys.map((k) => found.get(k)!);
  }

  /** Cosine similarity of `query` to each doc (dot products of unit vectors). */
  async similarity(query: string, docs: string[]): Promise<number[]> {
    const [q, ...rest] = await this.embed([query, ...docs]);
    return rest.map((d) => dot(q!, d));
  }
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

export function isEmbeddingModelLoaded(): boolean {
  return cache.isLoaded();
}

/** Releases every embedding session (after the inference already queued); the next call reloads. */
export function unloadEmbeddingModel(): Promise<void> {
  return cache.unload();
}
