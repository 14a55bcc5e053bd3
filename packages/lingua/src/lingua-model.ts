import { HeadroomError, type LLMLinguaConfig, type LLMLinguaConfigInput } from '@headroom/core';
import { linguaConfig } from './config.js';
import { type ExecutionDevice, firstLine } from './device.js';
import { type LoadedOnnx, loadOnnx, modelUnavailable } from './load-model.js';
import { ModelCache } from './model-cache.js';
import { LINGUA_MODEL_ENV } from './model-source.js';
import { type ModelVocab, specialIds, WordIds } from './word-ids.js';

/** A loaded LLMLingua-2 token classifier. */
export interface LinguaModel {
  readonly name: string;
  readonly device: ExecutionDevice;
  readonly vocab: ModelVocab;
  readonly words: WordIds;
  /** Longest sequence the model accepts, special tokens included. */
  readonly maxTokens: number;
  readonly notices: readonly string[];
  /** Logits `[batch, seq, labels]` for int64 ids and mask of shape `[batch, seq]`. */
  logits(ids: BigInt64Array, mask: BigInt64Array, batch: number, seq: number): Promise<Logits>;
  dispose(): Promise<void>;
}

export interface Logits {
  data: Float32Array;
  labels: number;
}

const PROBE_WORD = 'Headroom';

function vocabOf(loaded: LoadedOnnx): ModelVocab {
  const { tokenizer } = loaded;
  const encode = (text: string) => tokenizer.encode(text, { add_special_tokens: false });
  const { prefix, suffix } = specialIds(tokenizer.encode(PROBE_WORD), encode(PROBE_WORD));
  return { encode, prefix, suffix, padId: tokenizer.pad_token_id ?? 0 };
}

function wrap(spec: Parameters<typeof loadOnnx>[0], loaded: LoadedOnnx): LinguaModel {
  const { tf, model, config } = loaded;
  const vocab = vocabOf(loaded);
  const tokenizerSize = loaded.tokenizer.get_vocab().size;
  const modelSize = typeof config.vocab_size === 'number' ? config.vocab_size : undefined;
  if (modelSize !== undefined && tokenizerSize > modelSize) {
    throw modelUnavailable(
      spec,
      `tokenizer.json has ${tokenizerSize} tokens but config.json's vocab_size is ${modelSize}: the tokenizer does not belong to this model`,
    );
  }
  const declared = loaded.tokenizer.model_max_length;
  const positions = typeof config.max_position_embeddings === 'number' ? config.max_position_embeddings : 512;
  let disposed = false;
  return {
    name: spec.model,
    device: loaded.device,
    vocab,
    words: new WordIds(vocab),
    maxTokens: Math.min(positions, Number.isFinite(declared) ? declared : positions),
    notices: loaded.notices,
    async logits(ids, mask, batch, seq) {
      if (disposed) throw new HeadroomError('MODEL_UNAVAILABLE', `model "${spec.model}" was unloaded`);
      const out = (await model({
        input_ids: new tf.Tensor('int64', ids, [batch, seq]),
        attention_mask: new tf.Tensor('int64', mask, [batch, seq]),
      })) as { logits?: { data: unknown; dims: number[] } };
      const logits = out.logits;
      if (!logits || !(logits.data instanceof Float32Array) || logits.dims.length !== 3) {
        throw new HeadroomError(
          'INTERNAL',
          'the model has no float logits output of shape [batch, seq, labels]',
        );
      }
      return { data: logits.data, labels: logits.dims[2]! };
    },
    async dispose() {
      disposed = true;
      await model.dispose();
    },
  };
}

/** One forward pass over a short probe, so a model that cannot run fails at load, not per request. */
async function smokeTest(spec: Parameters<typeof loadOnnx>[0], model: LinguaModel): Promise<void> {
  const ids = [...model.vocab.prefix, ...model.vocab.encode(PROBE_WORD), ...model.vocab.suffix];
  try {
    const { labels } = await model.logits(
      BigInt64Array.from(ids, BigInt),
      BigInt64Array.from(ids, () => 1n),
      1,
      ids.length,
    );
    if (labels < 2) throw new Error(`the model has ${labels} label(s); LLMLingua-2 needs two (drop, keep)`);
  } catch (error) {
    throw modelUnavailable(spec, `a test inference failed (${firstLine(error)})`, error);
  }
}

const cache = new ModelCache<LinguaModel>();

const specOf = (config: LLMLinguaConfig) => ({
  model: config.model,
  device: config.device,
  dtype: config.dtype,
  allowRemoteModels: config.allowRemoteModels,
  cacheDir: config.cacheDir,
  task: 'token-classification' as const,
  envName: LINGUA_MODEL_ENV,
  what: 'an LLMLingua-2 ONNX export',
});

/** The shared model for a config: loaded once per `model|device|dtype`, failures remembered. */
export function linguaModel(config: LLMLinguaConfig, hasCuda?: () => boolean): Promise<LinguaModel> {
  const spec = specOf(config);
  return cache.get(
    `${config.model}|${config.device}|${config.dtype}`,
    async () => {
      const loaded = await loadOnnx(spec, hasCuda);
      try {
        const model = wrap(spec, loaded);
        await smokeTest(spec, model);
        return model;
      } catch (error) {
        await loaded.model.dispose().catch(() => {});
        throw error;
      }
    },
    config.retryAfterMs,
  );
}

/**
 * Loads the model ahead of the first request (warm-up). Rejects with the actionable
 * `MODEL_UNAVAILABLE` error when there is none; `compress` itself never throws.
 */
export async function loadLlmlinguaModel(config?: LLMLinguaConfigInput): Promise<void> {
  await linguaModel(linguaConfig(config));
}

export function isLlmlinguaModelLoaded(): boolean {
  return cache.isLoaded();
}

/** Releases every LLMLingua session (after the inference already queued); the next call reloads. */
export function unloadLlmlinguaModel(): Promise<void> {
  return cache.unload();
}
