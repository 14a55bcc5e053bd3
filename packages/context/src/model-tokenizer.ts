import { getTokenizer, type Tokenizer } from '@headroom/core';

/** The model's tokenizer; a `model` that is not a string (bad input) falls back to the default. */
export function modelTokenizer(model: unknown): Tokenizer {
  return getTokenizer(typeof model === 'string' ? model : undefined);
}
