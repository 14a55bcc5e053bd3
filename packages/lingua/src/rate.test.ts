import { getTokenizer, MemoryCcrStore } from '@headroom/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LLMLinguaCompressor, unloadLlmlinguaModel } from './index.js';
import {
  captureLog,
  modelTokenCounter,
  prose,
  type TinyModel,
  withoutMarker,
  writeTinyLinguaModel,
} from './test-utils/index.js';

const tokenizer = getTokenizer('gpt-4o');
let tiny: TinyModel;
let countModelTokens: (text: string) => number;

beforeAll(async () => {
  tiny = await writeTinyLinguaModel();
  countModelTokens = await modelTokenCounter(tiny.dir);
});

afterAll(async () => {
  await unloadLlmlinguaModel();
  await tiny.cleanup();
});

/** Prose of about `tokens` Headroom tokens. */
function sized(tokens: number, seed: number): string {
  let words = Math.round(tokens * 0.8);
  let text = prose(words, seed, { entityRate: 0.05 });
  for (let i = 0; i < 3; i++) {
    words = Math.round((words * tokens) / tokenizer.count(text));
    text = prose(words, seed, { entityRate: 0.05 });
  }
  return text;
}

describe('rate adherence across input sizes', () => {
  const compressor = (rate: number) =>
    new LLMLinguaCompressor(
      { model: tiny.dir, allowRemoteModels: false, textCompressionRate: rate, minTokensForCompression: 50 },
      { store: new MemoryCcrStore(), tokenizer, log: captureLog().log },
    );

  it.each([
    [100, 0.3],
    [1_000, 0.5],
    [10_000, 0.3],
    [50_000, 0.4],
  ])('%i tokens at rate %f: the kept model-token share is within ±0.05', async (tokens, rate) => {
    const text = sized(tokens, tokens);
    expect(Math.abs(tokenizer.count(text) - tokens) / tokens).toBeLessThan(0.1);
    const result = await compressor(rate).compress(text);
    expect(result.wasModified).toBe(true);
    const kept = countModelTokens(withoutMarker(result.compressed)) / countModelTokens(text);
    expect(Math.abs(kept - rate)).toBeLessThanOrEqual(0.05);
    expect(result.tokensAfter).toBeLessThan(result.tokensBefore);
  });
});
