import { CCR_MARKER_RE, getTokenizer, MemoryCcrStore, parseMarkers } from '@headroom/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { linguaConfig } from './config.js';
import {
  isLlmlinguaModelLoaded,
  LLMLinguaCompressor,
  loadLlmlinguaModel,
  unloadLlmlinguaModel,
} from './index.js';
import { linguaModel } from './lingua-model.js';
import {
  captureLog,
  isSubsequence,
  modelTokenCounter,
  prose,
  type TinyModel,
  withoutMarker,
  wordsOf,
  writeTinyLinguaModel,
} from './test-utils/index.js';

const KEEP = ['incident', 'outage', 'rollback'];
const DROP = ['very', 'just', 'also'];
let tiny: TinyModel;
let countModelTokens: (text: string) => number;
const tokenizer = getTokenizer('gpt-4o');

beforeAll(async () => {
  tiny = await writeTinyLinguaModel({ keepWords: KEEP, dropWords: DROP });
  countModelTokens = await modelTokenCounter(tiny.dir);
});

afterAll(async () => {
  await unloadLlmlinguaModel();
  await tiny.cleanup();
});

function compressor(config: Record<string, unknown> = {}, store = new MemoryCcrStore()) {
  const { lines, log } = captureLog();
  const c = new LLMLinguaCompressor(
    { model: tiny.dir, allowRemoteModels: false, ...config },
    { store, tokenizer, log },
  );
  return { c, store, lines };
}

describe('model lifecycle', () => {
  it('loads on first use, unloads, and reloads on the next call', async () => {
    await unloadLlmlinguaModel();
    expect(isLlmlinguaModelLoaded()).toBe(false);
    const { c } = compressor();
    const first = await c.compress(prose(300, 1));
    expect(first.wasModified).toBe(true);
    expect(isLlmlinguaModelLoaded()).toBe(true);
    await unloadLlmlinguaModel();
    expect(isLlmlinguaModelLoaded()).toBe(false);
    const again = await c.compress(prose(300, 1));
    expect(again.compressed).toBe(first.compressed);
    expect(isLlmlinguaModelLoaded()).toBe(true);
  });

  it('loads once for ten concurrent calls on a cold model', async () => {
    await unloadLlmlinguaModel();
    const tf = await import('@huggingface/transformers');
    const spy = vi.spyOn(tf.AutoModelForTokenClassification, 'from_pretrained');
    try {
      const { c } = compressor({ maxQueue: 10 });
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => c.compress(prose(200, i))));
      expect(results.every((r) => r.wasModified)).toBe(true);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('warms up with loadLlmlinguaModel', async () => {
    await unloadLlmlinguaModel();
    await loadLlmlinguaModel({ model: tiny.dir, allowRemoteModels: false });
    expect(isLlmlinguaModelLoaded()).toBe(true);
  });
});

describe('selection with a crafted model', () => {
  it('keeps the words the model scores high and drops the low ones first, in order', async () => {
    const { c } = compressor({ textCompressionRate: 0.5 });
    const text = prose(400, 3, { entityRate: 0 });
    const result = await c.compress(text);
    const out = wordsOf(withoutMarker(result.compressed));
    const input = wordsOf(text);
    expect(isSubsequence(out, input)).toBe(true);
    const bare = (w: string) => w.replace(/[^A-Za-z]/g, '');
    for (const w of input.filter((w) => KEEP.includes(bare(w)))) expect(out).toContain(w);
    expect(out.filter((w) => DROP.includes(bare(w)))).toEqual([]);
  });

  it.each([0.3, 0.5, 0.7])('keeps %f of the model tokens within ±0.05', async (rate) => {
    const { c } = compressor({ textCompressionRate: rate });
    const text = prose(400, 11, { entityRate: 0 });
    const result = await c.compress(text);
    expect(result.wasModified).toBe(true);
    const kept = countModelTokens(withoutMarker(result.compressed)) / countModelTokens(text);
    expect(Math.abs(kept - rate)).toBeLessThanOrEqual(0.05);
  });

  it('is deterministic', async () => {
    const { c } = compressor();
    const text = prose(500, 5);
    const a = await c.compress(text, { query: 'database incident' });
    const b = await c.compress(text, { query: 'database incident' });
    expect(b.compressed).toBe(a.compressed);
  });
});

describe('what always survives', () => {
  it('keeps force tokens and query words of four or more letters', async () => {
    const { c } = compressor({ forceTokens: ['Monday'], textCompressionRate: 0.1 });
    const text = prose(400, 21, { entityRate: 0 });
    const result = await c.compress(text, {
      query: 'What happened to the database cluster?',
      forceTokens: ['Grace'],
    });
    const out = wordsOf(withoutMarker(result.compressed));
    const core = (w: string) => w.replace(/[^A-Za-z]/g, '');
    for (const w of wordsOf(text)) {
      if (['Monday', 'Grace', 'database', 'Database', 'cluster', 'Cluster', 'happened'].includes(core(w))) {
        expect(out).toContain(w);
      }
    }
  });

  it('collapses consecutive repeats of a force token with dropConsecutive', async () => {
    const filler = prose(200, 2, { entityRate: 0 });
    const text = `${filler} Note: Note: Note: then more. ${filler}`;
    const on = await compressor({ forceTokens: ['Note:'] }).c.compress(text);
    const off = await compressor({ forceTokens: ['Note:'], dropConsecutive: false }).c.compress(text);
    const notes = (s: string) => wordsOf(s).filter((w) => w === 'Note:').length;
    expect(notes(off.compressed)).toBe(3);
    expect(notes(on.compressed)).toBeLessThan(3);
  });

  it('keeps URLs, UUIDs, numbers with units, inline code and custom-tag blocks byte-identical', async () => {
    const spans = [
      'https://example.com/runbooks/db?step=4',
      '123e4567-e89b-12d3-a456-426614174000',
      '3.14 ms',
      '`kubectl rollout undo deploy/api`',
      '<system-reminder>Do not  touch\nthe billing tables.</system-reminder>',
    ];
    const text = `${prose(150, 4, { entityRate: 0 })} ${spans.join(' and ')} ${prose(150, 6, { entityRate: 0 })}`;
    const result = await compressor({ textCompressionRate: 0.2 }).c.compress(text);
    expect(result.wasModified).toBe(true);
    for (const s of spans) expect(result.compressed).toContain(s);
  });

  it('keeps the line structure of a 30-line text', async () => {
    const lines = Array.from({ length: 30 }, (_, i) =>
      prose(12, 100 + i, { entityRate: 0 }).replace(/\n+/g, ' '),
    );
    const text = lines.join('\n');
    const result = await compressor().c.compress(text);
    expect(result.wasModified).toBe(true);
    const out = withoutMarker(result.compressed).split('\n');
    expect(out).toHaveLength(30);
    out.forEach((line, i) => {
      expect(isSubsequence(wordsOf(line), wordsOf(lines[i]!))).toBe(true);
    });
  });
});

describe('content types and gates', () => {
  it('picks the per-type rate by auto-detection', async () => {
    const { c } = compressor({ minTokensForCompression: 10 });
    const code = Array.from(
      { length: 40 },
      (_, i) => `const value${i} = compute(${i}); // keep the total rate`,
    ).join('\n');
    const json = JSON.stringify(
      Array.from({ length: 40 }, (_, i) => ({ id: i, note: 'the team said the release was late' })),
    );
    expect((await c.compress(prose(300, 1))).rate).toBe(0.3);
    const codeResult = await c.compress(code);
    expect([codeResult.contentType, codeResult.rate]).toEqual(['code', 0.4]);
    const jsonResult = await c.compress(json);
    expect([jsonResult.contentType, jsonResult.rate]).toEqual(['json', 0.35]);
    expect((await c.compress(prose(300, 1), { contentType: 'code', rate: 0.6 })).rate).toBe(0.6);
  });

  it('passes through small, empty, already-compressed text, and everything without CCR', async () => {
    const { c } = compressor();
    expect((await c.compress('')).reason).toBe('too-small');
    expect((await c.compress('a few words only')).reason).toBe('too-small');
    const marked = `${prose(300, 1)}\n<<ccr:0123456789abcdef01234567 5 of 10 tokens omitted>>`;
    const already = await c.compress(marked);
    expect([already.reason, already.compressed]).toEqual(['already-compressed', marked]);
    const off = await compressor({ enableCcr: false }).c.compress(prose(300, 1));
    expect([off.reason, off.wasModified]).toEqual(['ccr-disabled', false]);
  });

  it('stores the exact input behind a marker whose counts are the measured ones', async () => {
    const { c, store } = compressor();
    const text = prose(400, 9);
    const result = await c.compress(text);
    expect(result.wasModified).toBe(true);
    const lastLine = result.compressed.trimEnd().split('\n').at(-1)!;
    expect(lastLine).toMatch(new RegExp(`^${CCR_MARKER_RE.source}$`));
    const [marker] = parseMarkers(lastLine);
    expect(marker!.hash).toBe(result.ccrHash);
    expect(marker!.summary).toBe('llmlingua rate=0.3');
    expect(marker!.total).toBe(tokenizer.count(text));
    expect(marker!.total - marker!.omitted).toBe(tokenizer.count(withoutMarker(result.compressed)));
    expect(result.tokensBefore).toBe(tokenizer.count(text));
    expect(result.tokensAfter).toBe(tokenizer.count(result.compressed));
    expect(result.achievedRate).toBeCloseTo(result.tokensAfter / result.tokensBefore);
    const entry = await store.get(result.ccrHash!);
    expect(entry?.original).toBe(text);
    expect(entry?.strategy).toBe('llmlingua:text');
  });

  it('returns the original (no-gain) when the result would not be small enough', async () => {
    const result = await compressor({ textCompressionRate: 0.95 }).c.compress(prose(300, 1));
    expect([result.reason, result.wasModified]).toEqual(['no-gain', false]);
  });
});

describe('load and deadlines', () => {
  const big = prose(10_000, 8);

  it('answers busy beyond maxQueue instead of waiting', async () => {
    const { c } = compressor({ maxQueue: 0 });
    await c.compress(prose(300, 1));
    const results = await Promise.all([c.compress(big), c.compress(big), c.compress(big)]);
    expect(results.map((r) => r.reason)).toEqual([undefined, 'busy', 'busy']);
    expect(results[1]!.compressed).toBe(big);
  });

  it('returns the original at the deadline and keeps working afterwards', async () => {
    const { c } = compressor({ timeoutMs: 5 });
    await loadLlmlinguaModel({ model: tiny.dir, allowRemoteModels: false });
    const late = await c.compress(big);
    expect([late.reason, late.compressed]).toEqual(['timeout', big]);
    expect((await compressor().c.compress(prose(300, 2))).wasModified).toBe(true);
  });

  it("returns the original when the caller's signal aborts", async () => {
    const { c } = compressor();
    const controller = new AbortController();
    controller.abort();
    expect((await c.compress(prose(300, 1), { signal: controller.signal })).reason).toBe('aborted');
    const during = new AbortController();
    const pending = c.compress(big, { signal: during.signal });
    setTimeout(() => during.abort(), 1);
    expect((await pending).reason).toBe('aborted');
  });
});

describe('devices', () => {
  it('runs mps and cuda requests on the CPU with one warning each', async () => {
    for (const device of ['mps', 'cuda'] as const) {
      const { c, lines } = compressor({ device });
      const first = await c.compress(prose(300, 1));
      await c.compress(prose(300, 2));
      expect(first.wasModified).toBe(true);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/running on CPU\. Fix: /);
    }
  });

  it('falls back to the CPU when a CUDA session cannot be created', async () => {
    await unloadLlmlinguaModel();
    const model = await linguaModel(
      linguaConfig({ model: tiny.dir, device: 'cuda', dtype: 'fp32', retryAfterMs: 0 }),
      () => true,
    );
    expect(model.device).toBe('cpu');
    expect(model.notices.join('\n')).toMatch(/CUDA session could not be created .*running on CPU/);
  });
});
