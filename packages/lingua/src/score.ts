import { HeadroomError } from '@headroom/core';
import type { Chunk } from './chunk.js';
import type { LinguaModel } from './lingua-model.js';

export interface ScoreInput {
  /** Model ids per word. */
  ids: readonly (readonly number[])[];
  chunks: readonly Chunk[];
  /** 1 = the word's score is not needed (protected or forced). */
  skip: ArrayLike<number>;
  /** Most tokens per chunk without special tokens. */
  capacity: number;
  batchSize: number;
  keepLabel: number;
}

/**
 * p(keep) per word: chunks go through the model `batchSize` at a time (right-padded, with an
 * attention mask); each subword's keep probability is the softmax of its logits at `keepLabel`,
 * and a word's is the mean over its subwords. Chunks whose words are all must-keep are not run.
 * Checks `signal` between batches, so an expired call stops using the CPU.
 */
export async function scoreWords(
  model: LinguaModel,
  input: ScoreInput,
  signal?: AbortSignal,
): Promise<Float32Array> {
  const { ids, chunks, skip, capacity, batchSize, keepLabel } = input;
  const probs = new Float32Array(ids.length);
  const todo = chunks.filter((c) => {
    for (let w = c.start; w < c.end; w++) if (!skip[w]) return true;
    return false;
  });
  const { prefix, suffix, padId } = model.vocab;
  const specials = prefix.length + suffix.length;
  for (let b = 0; b < todo.length; b += batchSize) {
    if (signal?.aborted) throw new HeadroomError('ABORTED', 'Inference stopped at the deadline');
    const batch = todo.slice(b, b + batchSize);
    const seq = specials + Math.max(...batch.map((c) => c.tokens));
    const flat = new BigInt64Array(batch.length * seq).fill(BigInt(padId));
    const mask = new BigInt64Array(batch.length * seq);
    batch.forEach((chunk, row) => {
      let at = row * seq;
      const put = (id: number) => {
        flat[at] = BigInt(id);
        mask[at++] = 1n;
      };
      prefix.forEach(put);
      for (let w = chunk.start; w < chunk.end; w++) {
        const wordIds = ids[w]!;
        for (let k = 0; k < wordIds.length && k < capacity; k++) put(wordIds[k]!);
      }
      suffix.forEach(put);
    });
    const { data, labels } = await model.logits(flat, mask, batch.length, seq);
    if (keepLabel >= labels) {
      throw new HeadroomError(
        'INTERNAL',
        `keepLabelIndex ${keepLabel} is out of range: the model has ${labels} labels`,
      );
    }
    batch.forEach((chunk, row) => {
      let position = row * seq + prefix.length;
      for (let w = chunk.start; w < chunk.end; w++) {
        const n = Math.min(ids[w]!.length, capacity);
        let sum = 0;
        for (let k = 0; k < n; k++, position++)
          sum += keepProbability(data, position * labels, labels, keepLabel);
        probs[w] = n > 0 ? sum / n : 0;
      }
    });
  }
  return probs;
}

/** Softmax over one position's logits, read at `keep`. */
function keepProbability(logits: Float32Array, offset: number, labels: number, keep: number): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let l = 0; l < labels; l++) max = Math.max(max, logits[offset + l]!);
  let sum = 0;
  for (let l = 0; l < labels; l++) sum += Math.exp(logits[offset + l]! - max);
  return Math.exp(logits[offset + keep]! - max) / sum;
}
