import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { getTokenizer, MemoryCcrStore } from '@headroom/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLlmlinguaModelLoaded, LLMLinguaCompressor, unloadLlmlinguaModel } from './index.js';
import { captureLog, prose, type TinyModel, writeTinyLinguaModel } from './test-utils/index.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const MB = 1024 * 1024;

/**
 * RSS once garbage is collected and no array buffers are left: transformers.js 4.3.1 streams
 * every local file it opens into memory in the background (even the model it hands to ONNX
 * Runtime by path), and those buffers live until the reads finish and a collection runs.
 */
async function settledRss(): Promise<number> {
  let quiet = 0;
  for (let i = 0; i < 100 && quiet < 3; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 50));
    quiet = process.memoryUsage().arrayBuffers < MB ? quiet + 1 : 0;
  }
  return process.memoryUsage().rss;
}

const models: TinyModel[] = [];

beforeAll(async () => {
  // 60,000 unused rows × 256 floats: a ~60 MB model, big enough to see in RSS.
  models.push(await writeTinyLinguaModel(), await writeTinyLinguaModel({ width: 256, extraRows: 60_000 }));
});

afterAll(async () => {
  await Promise.all(models.map((m) => m.cleanup()));
});

const compressor = (model: string) =>
  new LLMLinguaCompressor(
    { model, allowRemoteModels: false },
    { store: new MemoryCcrStore(), tokenizer: getTokenizer('gpt-4o'), log: captureLog().log },
  );

describe('memory', () => {
  it('unloadLlmlinguaModel releases the session (RSS measured)', { timeout: 30_000 }, async () => {
    // A first load and unload initializes ONNX Runtime itself, so only the model is measured.
    expect((await compressor(models[0]!.dir).compress(prose(300, 1))).wasModified).toBe(true);
    await unloadLlmlinguaModel();
    const before = await settledRss();
    expect((await compressor(models[1]!.dir).compress(prose(300, 1))).wasModified).toBe(true);
    expect(isLlmlinguaModelLoaded()).toBe(true);
    const loaded = await settledRss();
    await unloadLlmlinguaModel();
    expect(isLlmlinguaModelLoaded()).toBe(false);
    const after = await settledRss();
    const grew = (loaded - before) / MB;
    const kept = (after - before) / MB;
    const report = `RSS grew ${grew.toFixed(1)} MB at load, ${kept.toFixed(1)} MB left after unload`;
    expect(grew, report).toBeGreaterThan(40);
    expect(kept, report).toBeLessThan(grew / 3);
  });
});
