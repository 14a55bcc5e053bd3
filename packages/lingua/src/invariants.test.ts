import { getTokenizer, MemoryCcrStore, parseMarkers } from '@headroom/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LLMLinguaCompressor, unloadLlmlinguaModel } from './index.js';
import {
  captureLog,
  TEXT_WORDS,
  type TinyModel,
  withoutMarker,
  writeTinyLinguaModel,
} from './test-utils/index.js';

const tokenizer = getTokenizer('gpt-4o');
let tiny: TinyModel;
const store = new MemoryCcrStore();
let compressor: LLMLinguaCompressor;

beforeAll(async () => {
  tiny = await writeTinyLinguaModel();
  compressor = new LLMLinguaCompressor(
    {
      model: tiny.dir,
      allowRemoteModels: false,
      minTokensForCompression: 0,
      acceptRatio: 1,
      chunkTokens: 64,
    },
    { store, tokenizer, log: captureLog().log },
  );
});

afterAll(async () => {
  await unloadLlmlinguaModel();
  await tiny.cleanup();
});

/** Letters only, so a plain word never turns into a protected one (digits would). */
const letters = (n: number) =>
  n.toString(26).replace(/./g, (d) => String.fromCharCode(97 + Number.parseInt(d, 26)));

type Piece = { kind: 'word'; text: string } | { kind: 'entity'; text: string };

const entity = fc.oneof(
  fc.integer({ min: 0, max: 99_999 }).map((n) => `https://example.com/p/${n}`),
  fc.double({ min: 0, max: 1000, noNaN: true }).map((x) => x.toFixed(2)),
  fc.uuid(),
  fc.constantFrom('<note>keep</note>', 'parseConfig', 'load_queue', 'src/index.ts'),
);
const piece: fc.Arbitrary<Piece> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .constantFrom(...TEXT_WORDS.filter((w) => /^[a-z]+$/.test(w)))
      .map((text) => ({ kind: 'word' as const, text })),
  },
  { weight: 1, arbitrary: entity.map((text) => ({ kind: 'entity' as const, text })) },
);
const sep = fc.constantFrom(' ', ' ', ' ', '  ', '\n', '\n\n', '\t', ' \n  ');

/** A text of unique words (a letter suffix per position) mixed with entities and line breaks. */
const document = fc.array(fc.tuple(piece, sep), { minLength: 1, maxLength: 250 }).map((parts) => {
  const words = parts.map(([p], i) => (p.kind === 'word' ? `${p.text}${letters(i)}` : p.text));
  const text = parts.map(([, s], i) => words[i] + s).join('');
  return {
    text,
    words,
    seps: parts.map(([, s]) => s),
    entities: parts.filter(([p]) => p.kind === 'entity').map(([p]) => p.text),
  };
});
const rate = fc.double({ min: 0, max: 1, noNaN: true });
const strength = (s: string) => (s.includes('\n\n') ? 2 : s.includes('\n') ? 1 : 0);

describe('invariants (random texts and rates)', () => {
  it('never throws; kept words are byte-identical and in order; entities and query words survive', async () => {
    await fc.assert(
      fc.asyncProperty(document, rate, async (doc, r) => {
        const query = `about ${doc.words.find((w) => /^[a-z]{4,}$/.test(w)) ?? 'nothing'}`;
        const result = await compressor.compress(doc.text, { rate: r, query });
        if (!result.wasModified) {
          expect(result.compressed).toBe(doc.text);
          return;
        }
        const out = withoutMarker(result.compressed).split(/\s+/).filter(Boolean);
        // Subsequence of the input's words (entities contain no whitespace here).
        let j = 0;
        for (const w of doc.words) if (j < out.length && out[j] === w) j++;
        expect(j).toBe(out.length);
        for (const e of doc.entities) expect(out).toContain(e);
        const forced = query.split(' ')[1]!;
        if (doc.words.includes(forced)) expect(out).toContain(forced);
      }),
      { numRuns: 80 },
    );
  });

  it('keeps every line break and blank line between kept words', async () => {
    await fc.assert(
      fc.asyncProperty(document, rate, async (doc, r) => {
        const result = await compressor.compress(doc.text, { rate: r });
        const body = withoutMarker(result.compressed);
        const parts = body.split(/(\s+)/).filter((p) => p !== '');
        // Plain words are unique and repeated entities are all kept, so the leftmost match is the kept word.
        let cursor = 0;
        let previous = -1;
        let between = '';
        for (const p of parts) {
          if (/^\s+$/.test(p)) {
            between = p;
            continue;
          }
          const at = doc.words.indexOf(p, cursor);
          cursor = at + 1;
          if (previous >= 0) {
            const needed = Math.max(...doc.seps.slice(previous, at).map(strength));
            expect(strength(between)).toBeGreaterThanOrEqual(needed);
          }
          previous = at;
        }
      }),
      { numRuns: 80 },
    );
  });

  it('is deterministic, and a modified result stores the exact input with measured marker counts', async () => {
    await fc.assert(
      fc.asyncProperty(document, rate, async (doc, r) => {
        const a = await compressor.compress(doc.text, { rate: r });
        const b = await compressor.compress(doc.text, { rate: r });
        expect(b).toEqual(a);
        if (!a.wasModified) return;
        expect((await store.get(a.ccrHash!))?.original).toBe(doc.text);
        const marker = parseMarkers(a.compressed).at(-1)!;
        expect(marker.total).toBe(tokenizer.count(doc.text));
        expect(marker.total - marker.omitted).toBe(tokenizer.count(withoutMarker(a.compressed)));
      }),
      { numRuns: 60 },
    );
  });
});
