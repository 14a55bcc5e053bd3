import { LruMap } from '@headroom/core';

/** The model-side view of a tokenizer that the compressor needs. */
export interface ModelVocab {
  /** Ids of `text` without special tokens. */
  encode(text: string): number[];
  /** Special ids around every sequence: `[CLS]` … `[SEP]` for BERT, `<s>` … `</s>` for XLM-R. */
  readonly prefix: readonly number[];
  readonly suffix: readonly number[];
  readonly padId: number;
}

const WORD_CACHE_ENTRIES = 10_000;

/**
 * Each distinct word is encoded once, on its own. That equals its ids inside the running text
 * because the model's pre-tokenizer splits on whitespace first (BERT's WordPiece, and the `▁`
 * prefix SentencePiece adds to every word), so the word → subword mapping is exact by construction.
 */
export class WordIds {
  private readonly cache = new LruMap<string, readonly number[]>({ maxEntries: WORD_CACHE_ENTRIES });

  constructor(private readonly vocab: ModelVocab) {}

  of(word: string): readonly number[] {
    let ids = this.cache.get(word);
    if (ids === undefined) {
      ids = this.vocab.encode(word);
      this.cache.set(word, ids);
    }
    return ids;
  }
}

/** The special ids of a tokenizer, found by encoding one word with and without them. */
export function specialIds(
  withSpecial: readonly number[],
  plain: readonly number[],
): { prefix: number[]; suffix: number[] } {
  for (let at = 0; at + plain.length <= withSpecial.length; at++) {
    if (plain.every((id, k) => withSpecial[at + k] === id)) {
      return { prefix: withSpecial.slice(0, at), suffix: withSpecial.slice(at + plain.length) };
    }
  }
  return { prefix: [], suffix: [] };
}
