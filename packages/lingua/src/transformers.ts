import { HeadroomError } from '@headroom/core';

export type Transformers = typeof import('@huggingface/transformers');

let loading: Promise<Transformers> | undefined;

/**
 * transformers.js (and onnxruntime-node under it), imported on first use: the import costs
 * ~150 ms and hundreds of MB that users who never enable ML should not pay for. Its own logging
 * is silenced: every failure reaches the caller as a reason and one actionable line of ours.
 */
export function loadTransformers(): Promise<Transformers> {
  loading ??= import('@huggingface/transformers').then(
    (tf) => {
      tf.env.logLevel = tf.LogLevel.NONE;
      return tf;
    },
    (error: unknown) => {
      loading = undefined;
      throw new HeadroomError(
        'MODEL_UNAVAILABLE',
        `@huggingface/transformers could not be loaded (${String(error)}); install @headroom/lingua with its dependencies`,
        { cause: error },
      );
    },
  );
  return loading;
}
