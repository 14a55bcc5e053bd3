import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJson } from '../json/parse-json.js';
import { anchorMatches, extractAnchors } from './anchors.js';
import { Bm25Batch, rankRelevant } from './bm25.js';
import { countLexTokens, lexTokens, queryTokens } from './lexer.js';
import { valueText } from './value-text.js';

describe('lexer', () => {
  it('keeps UUIDs whole, splits on punctuation, not on camelCase, drops 1-char words', () => {
    expect(lexTokens('user_id=550e8400-e29b-41d4-a716-446655440000 getUserById a 7 x.y-zz')).toEqual([
      'user',
      'id',
      '550e8400-e29b-41d4-a716-446655440000',
      'getuserbyid',
      '7',
      'zz',
    ]);
    expect(lexTokens('Ünïcödé 東京 42')).toEqual(['ünïcödé', '東京', '42']);
  });

  it('matches a regex reference tokenizer on arbitrary text (property)', () => {
    const reference = (text: string) =>
      [
        ...text
          .toLowerCase()
          .matchAll(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[\p{L}\p{N}]+/gu),
      ]
        .map((m) => m[0])
        .filter((t) => t.length > 1 || /^\p{N}+$/u.test(t));
    const text = fc.array(
      fc.oneof(
        fc.string({ unit: 'grapheme' }),
        fc.constantFrom('550e8400-e29b-41d4-a716-446655440000', 'a_b-c.d', 'x 7 y', 'ÉCOLE 東京'),
      ),
      { maxLength: 6 },
    );
    fc.assert(
      fc.property(text, (parts) => {
        const s = parts.join(' ');
        expect(lexTokens(s)).toEqual(reference(s));
        expect(countLexTokens(s.toLowerCase())).toBe(reference(s).length);
      }),
      { numRuns: 500 },
    );
  });

  it('removes query stop words and verbs', () => {
    expect(queryTokens('Please show me the failed requests for request 63')).toEqual([
      'failed',
      'requests',
      'request',
      '63',
    ]);
  });
});

describe('BM25', () => {
  it('ranks the item holding 63 first for "show request 63" when every item says "request"', () => {
    const items = Array.from({ length: 100 }, (_, i) => ({
      id: i,
      message: `request ${i} handled`,
      path: '/api/request',
    }));
    const batch = new Bm25Batch(items.map((item) => valueText(item)));
    const ranked = rankRelevant(batch.scores(queryTokens('show request 63')), { threshold: 0.3, max: 10 });
    expect(ranked[0]!.index).toBe(63);
    expect(ranked).toHaveLength(1);
  });

  it('indexes values, never keys', () => {
    const items = [{ status: 'ok' }, { note: 'status report' }, { x: 1 }, { y: 2 }];
    const batch = new Bm25Batch(items.map((item) => valueText(item)));
    expect(rankRelevant(batch.scores(['status'])).map((r) => r.index)).toEqual([1]);
  });

  it('scores exactly like counting lexTokens, whatever the text (property)', () => {
    const word = fc.constantFrom(
      'doc',
      '42',
      'cache',
      'é',
      '550e8400-e29b-41d4-a716-446655440000',
      'e29b',
      'x_y',
      'doc-42',
      '東京',
    );
    const doc = fc
      .tuple(
        fc.array(fc.oneof(word, fc.string({ maxLength: 6 })), { maxLength: 12 }),
        fc.constantFrom(' ', '-', '_', '.', ''),
      )
      .map(([ws, sep]) => ws.join(sep));
    fc.assert(
      fc.property(
        fc.array(doc, { minLength: 1, maxLength: 12 }),
        fc.array(word, { minLength: 1, maxLength: 3 }),
        (docs, query) => {
          const terms = queryTokens(query.join(' '));
          const tokens = docs.map(lexTokens);
          const n = docs.length;
          const avg = tokens.reduce((a, t) => a + t.length, 0) / n;
          const expected = tokens.map((toks) => {
            let score = 0;
            for (const term of new Set(terms)) {
              const df = tokens.filter((t) => t.includes(term)).length;
              if (df === 0 || (n >= 8 && df > 0.5 * n)) continue;
              const f = toks.filter((t) => t === term).length;
              if (f === 0) continue;
              const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
              score += (idf * (f * 2.5)) / (f + 1.5 * (0.25 + (0.75 * toks.length) / (avg || 1)));
            }
            return score;
          });
          const actual = new Bm25Batch(docs).scores(terms);
          actual.forEach((s, i) => {
            expect(s).toBeCloseTo(expected[i]!, 10);
          });
        },
      ),
      { numRuns: 1000, examples: [[['550e8400-e29b-41d4-a716-446655440000doc', ''], ['doc']]] },
    );
  });

  it('ignores terms in more than half of a batch of 8 or more', () => {
    const docs = Array.from({ length: 10 }, (_, i) => (i < 6 ? `common w${i}` : `w${i}`));
    expect(new Bm25Batch(docs).scores(['common']).every((s) => s === 0)).toBe(true);
    expect(new Bm25Batch(docs.slice(0, 4)).scores(['common'])[0]).toBeGreaterThan(0);
  });

  it('returns scores sorted by score then index, capped and thresholded (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 100, noNaN: true })),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (scores, threshold) => {
          const ranked = rankRelevant(scores, { threshold, max: 5 });
          expect(ranked.length).toBeLessThanOrEqual(5);
          for (let i = 1; i < ranked.length; i++) {
            const a = ranked[i - 1]!;
            const b = ranked[i]!;
            expect(a.score > b.score || (a.score === b.score && a.index < b.index)).toBe(true);
          }
          for (const r of ranked) expect(r.score > 0 && r.normalized >= threshold).toBe(true);
        },
      ),
    );
  });

  it('reads number lexemes of big numbers in values', () => {
    expect(
      valueText(
        parseJson('{"id":12345678901234567890,"name":"x","deep":{"a":{"b":{"c":{"d":"too deep"}}}}}'),
      ),
    ).toBe('12345678901234567890 x');
  });
});

describe('anchors', () => {
  it('extracts ids, e-mails, urls, quoted text, codes and long numbers', () => {
    const anchors = extractAnchors(
      'Why did ORD-2024-00017 fail for bob@example.com at https://api.example.com/v1? Check "payment gateway", INV1234, 550e8400-e29b-41d4-a716-446655440000 and 98765',
    );
    for (const a of [
      'ord-2024-00017',
      'bob@example.com',
      'payment gateway',
      'inv1234',
      '550e8400-e29b-41d4-a716-446655440000',
      '98765',
    ]) {
      expect(anchors).toContain(a);
    }
    expect(anchors.some((a) => a.startsWith('https://api.example.com'))).toBe(true);
    expect(extractAnchors('show the list of users')).toEqual([]);
  });

  it('ignores an anchor that matches more than 25% of the batch', () => {
    const items = Array.from({ length: 20 }, (_, i) => ({
      order: `ORD-${i < 10 ? 'X100' : `Y${i}`}`,
      n: 1000 + i,
    }));
    expect([...anchorMatches(items, ['x100'])]).toEqual([]);
    expect([...anchorMatches(items, ['y15', '1003'])].sort((a, b) => a - b)).toEqual([3, 15]);
    const lowerTexts = items.map((item) => valueText(item).toLowerCase());
    expect([...anchorMatches(items, ['y15', '1003'], { lowerTexts })].sort((a, b) => a - b)).toEqual([3, 15]);
  });
});
