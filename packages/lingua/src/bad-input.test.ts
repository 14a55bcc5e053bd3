import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getTokenizer, MemoryCcrStore } from '@headroom/core';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { LLMLinguaCompressor, unloadLlmlinguaModel } from './index.js';
import { captureLog, prose, type TinyModel, writeTinyLinguaModel } from './test-utils/index.js';
import { SPECIAL_TOKENS } from './test-utils/wordpiece.js';

const tokenizer = getTokenizer('gpt-4o');
const made: TinyModel[] = [];
const text = prose(300, 1);

afterAll(async () => {
  await unloadLlmlinguaModel();
  await Promise.all(made.map((m) => m.cleanup()));
});

async function tiny(opts: Parameters<typeof writeTinyLinguaModel>[0] = {}) {
  const m = await writeTinyLinguaModel(opts);
  made.push(m);
  return m;
}

function compressor(model: string, config: Record<string, unknown> = {}) {
  const { lines, log } = captureLog();
  const c = new LLMLinguaCompressor(
    { model, allowRemoteModels: false, ...config },
    { store: new MemoryCcrStore(), tokenizer, log },
  );
  return { c, lines };
}

async function expectPassThrough(model: string, reason: string, problem: RegExp, config = {}) {
  const { c, lines } = compressor(model, config);
  const first = await c.compress(text);
  const second = await c.compress(text);
  for (const r of [first, second]) {
    expect(r.reason).toBe(reason);
    expect(r.compressed).toBe(text);
    expect(r.wasModified).toBe(false);
  }
  // One actionable line, however many calls hit the problem.
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(problem);
  return lines[0]!;
}

describe('missing and broken models', () => {
  it('a missing directory: actionable error, pass-through, no retry within retryAfterMs', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'headroom-lingua-missing-')), 'model');
    const line = await expectPassThrough(dir, 'model-unavailable', /does not exist/);
    expect(line).toContain('Fix: set HEADROOM_LINGUA_MODEL (or the model option) to a directory containing');
    expect(line).toContain('config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx');
    // The model appears, but the failure is remembered until retryAfterMs has passed.
    const m = await writeTinyLinguaModel();
    await rm(dir, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.rename(m.dir, dir));
    expect((await compressor(dir).c.compress(text)).reason).toBe('model-unavailable');
    expect((await compressor(dir, { retryAfterMs: 0 }).c.compress(text)).wasModified).toBe(true);
    await rm(join(dir, '..'), { recursive: true, force: true });
  });

  it('a directory without the ONNX file names the missing file', async () => {
    const m = await tiny();
    await rm(join(m.dir, 'onnx', 'model.onnx'));
    await expectPassThrough(m.dir, 'model-unavailable', /lacks onnx\/model\.onnx/);
  });

  it('corrupt ONNX weights', async () => {
    const m = await tiny();
    await writeFile(join(m.dir, 'onnx', 'model.onnx'), Buffer.from('not a protobuf at all'));
    await expectPassThrough(m.dir, 'model-unavailable', /onnx\/model\.onnx could not be loaded/);
  });

  it('a corrupt tokenizer.json', async () => {
    const m = await tiny();
    await writeFile(join(m.dir, 'tokenizer.json'), '{"model": ');
    await expectPassThrough(m.dir, 'model-unavailable', /tokenizer\.json could not be loaded/);
  });

  it('a tokenizer that does not belong to the model', async () => {
    const m = await tiny({ rows: 200 });
    await expectPassThrough(
      m.dir,
      'model-unavailable',
      /tokenizer\.json has \d+ tokens but config\.json's vocab_size is 200/,
    );
  });

  it('a model with one label', async () => {
    const m = await tiny({ labels: 1 });
    await expectPassThrough(m.dir, 'model-unavailable', /a test inference failed .*one label|1 label/);
  });

  it('a hub id that is not cached while remote models are off', async () => {
    await expectPassThrough(
      'atjsh/llmlingua-2-js-tinybert-meetingbank',
      'model-unavailable',
      /not in the local cache and allowRemoteModels is false/,
    );
  });
});

describe('failures during inference', () => {
  it('a model that throws mid-batch', async () => {
    // The embedding table covers the character pieces (the load-time probe passes) but not whole words.
    const rows = SPECIAL_TOKENS.length + 2 * 94;
    const m = await tiny({ rows, configVocabSize: 10_000 });
    const charsOnly = Array.from({ length: 60 }, (_, i) => `zq${String.fromCharCode(97 + (i % 26))}x`).join(
      ' ',
    );
    const input = `${charsOnly}\n${prose(200, 2)}`;
    const { c, lines } = compressor(m.dir, { chunkTokens: 64, batchSize: 1 });
    const result = await c.compress(input);
    expect([result.reason, result.compressed]).toEqual(['error', input]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/compression failed .*the original text was returned\. Fix: /);
  });

  it('a keep label the model does not have', async () => {
    const m = await tiny();
    const { c, lines } = compressor(m.dir, { keepLabelIndex: 5 });
    const result = await c.compress(text);
    expect(result.reason).toBe('error');
    expect(lines[0]).toMatch(/keepLabelIndex 5 is out of range: the model has 2 labels/);
  });
});

describe('odd text', () => {
  it('never throws and never alters a kept word', async () => {
    const m = await tiny();
    const { c } = compressor(m.dir, { minTokensForCompression: 0, acceptRatio: 1 });
    const piece = fc.oneof(
      fc.constantFrom(
        '\n',
        '\n\n',
        '  ',
        '\t',
        '\u0000',
        '\ud800',
        '🙂',
        'é',
        '<x>',
        '</x>',
        '`',
        '<<ccr:',
        '```',
      ),
      fc.string({ maxLength: 12 }),
      fc.constant('x'.repeat(3000)),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 40 }), async (parts) => {
        const input = parts.join(' ');
        const result = await c.compress(input);
        expect(typeof result.compressed).toBe('string');
        if (!result.wasModified) expect(result.compressed).toBe(input);
      }),
      { numRuns: 60 },
    );
  });
});
