import { isHeadroomError } from '@headroom/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddingScorer, isEmbeddingModelLoaded, unloadEmbeddingModel } from './index.js';
import { captureLog, type TinyModel, writeTinyEmbeddingModel } from './test-utils/index.js';

let tiny: TinyModel;

beforeAll(async () => {
  tiny = await writeTinyEmbeddingModel({ dims: 24 });
});

afterAll(async () => {
  await unloadEmbeddingModel();
  await tiny.cleanup();
});

const norm = (v: Float32Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

describe('EmbeddingScorer', () => {
  it('returns unit vectors, one per text, and cos(x, x) = 1', async () => {
    const scorer = new EmbeddingScorer({ model: tiny.dir, allowRemoteModels: false, batchSize: 2 });
    const texts = ['the database outage', 'a release plan for the team', 'the database outage', 'memory'];
    const vectors = await scorer.embed(texts);
    expect(vectors).toHaveLength(4);
    for (const v of vectors) {
      expect(v).toHaveLength(24);
      expect(norm(v)).toBeCloseTo(1, 5);
    }
    expect(vectors[2]).toEqual(vectors[0]);
    const [self, other] = await scorer.similarity('the database outage', ['the database outage', 'memory']);
    expect(self).toBeCloseTo(1, 5);
    expect(other!).toBeLessThan(0.99);
  });

  it('ranks a text with shared words above an unrelated one', async () => {
    const scorer = new EmbeddingScorer({ model: tiny.dir, allowRemoteModels: false });
    const [near, far] = await scorer.similarity('database outage report', [
      'the database outage report was late',
      'Alice went to Paris in March',
    ]);
    expect(near!).toBeGreaterThan(far!);
  });

  it('memoizes by content and truncates long texts at maxLength', async () => {
    const scorer = new EmbeddingScorer({ model: tiny.dir, allowRemoteModels: false, maxLength: 8 });
    const long = 'team '.repeat(10) + 'outage '.repeat(200);
    const [a] = await scorer.embed([long]);
    const [b] = await scorer.embed(['team '.repeat(10) + 'release '.repeat(200)]);
    // Both are cut to their first 8 tokens (6 after [CLS] and [SEP]): all "team".
    expect(a).toEqual(b);
    const [again] = await scorer.embed([long]);
    expect(again).toBe(a);
    expect(isEmbeddingModelLoaded()).toBe(true);
    await unloadEmbeddingModel();
    expect(isEmbeddingModelLoaded()).toBe(false);
  });

  it('rejects with MODEL_UNAVAILABLE and an actionable message when there is no model', async () => {
    const { lines, log } = captureLog();
    const scorer = new EmbeddingScorer({ model: '/nonexistent/embedder', allowRemoteModels: false }, { log });
    const error = await scorer.embed(['x']).catch((e: unknown) => e);
    expect(isHeadroomError(error, 'MODEL_UNAVAILABLE')).toBe(true);
    expect((error as Error).message).toMatch(/Fix: set HEADROOM_EMBEDDING_MODEL/);
    expect(lines).toEqual([]);
  });
});
