import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RawNumber } from '../json/raw-number.js';
import { anchorMatches } from './anchors.js';
import { Bm25Batch } from './bm25.js';
import { errorStemDocs, isErrorItem, isErrorValue } from './error-detector.js';
import {
  type ChunkedDocs,
  chunkedCount,
  chunkedDocText,
  chunkTexts,
  forEachChunkedDocWith,
  joinDocs,
} from './joined-docs.js';
import { queryTokens } from './lexer.js';
import { lowercaseDocs, valueDocs, valueText } from './value-text.js';

const word = fc.constantFrom(
  'doc',
  '42',
  'Cache',
  'ΑΣ',
  'İstanbul',
  'TimeoutError',
  'timed out',
  'failed',
  'terrorist',
  'ok',
  'x\u212Aerror',
  '550e8400-e29b-41d4-a716-446655440000',
  'doc-42',
  '',
);
const text = fc.array(word, { maxLength: 5 }).map((ws) => ws.join(' '));
const leaf = fc.oneof(
  text,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(null, true, false, new RawNumber('1.0'), 503, '404', 'ERR'),
);
const key = fc.constantFrom('id', 'error', 'status', 'level', 'success', 'msg', 'has_failed', 'note');
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
}));
const items = fc.array(value, { maxLength: 12 });
const texts = (docs: ChunkedDocs) =>
  Array.from({ length: chunkedCount(docs) }, (_, i) => chunkedDocText(docs, i));

describe('value documents', () => {
  it('valueDocs lays out valueText of each value, in chunks (property)', () => {
    fc.assert(
      fc.property(items, fc.constantFrom(1, 7, 40, 60_000), (values, chunkChars) => {
        const docs = valueDocs(values, 4, chunkChars);
        expect(texts(docs)).toEqual(values.map((v) => valueText(v)));
        expect(docs.firsts[0]).toBe(0);
        expect(docs.chunks.length).toBe(docs.firsts.length - 1);
      }),
      { numRuns: 300 },
    );
  });

  it('valueDocs and valueText read own values only, whatever the prototype', () => {
    class Row {
      own = 'mine';
    }
    Object.defineProperty(Row.prototype, 'inherited', { value: 'hidden', enumerable: true });
    const bare = Object.assign(Object.create(null) as object, { a: 'bare' });
    const values = [new Row(), bare, { nested: new Row() }];
    expect(texts(valueDocs(values))).toEqual(['mine', 'bare', 'mine']);
  });

  it('lowercaseDocs lowercases each document alone, even where a length changes', () => {
    for (const values of [
      ['ΑΣ', 'Σ x', 'ABC'],
      ['İ x', 'ΑΣ', 'Ok'],
    ]) {
      const { chunks } = valueDocs(values);
      const lower = lowercaseDocs(chunks[0]!);
      expect(values.map((_, i) => lower.text.slice(lower.starts[i], lower.ends[i]))).toEqual(
        values.map((v) => v.toLowerCase()),
      );
    }
  });

  it('Bm25Batch and anchorMatches read chunks exactly like one text (property)', () => {
    fc.assert(
      fc.property(
        fc.array(text, { minLength: 1, maxLength: 20 }),
        fc.array(word, { minLength: 1, maxLength: 3 }),
        fc.constantFrom(1, 10, 60),
        (docs, query, chunkChars) => {
          const lower = docs.map((d) => d.toLowerCase());
          const terms = [...queryTokens(query.join(' ')), 'doc-42'];
          const chunked = chunkTexts(lower, chunkChars);
          expect(texts(chunked)).toEqual(lower);
          expect(new Bm25Batch(chunked).scores(terms)).toEqual(new Bm25Batch(joinDocs(lower)).scores(terms));
          const anchors = query.map((q) => q.toLowerCase());
          expect([...anchorMatches(docs, anchors, { lowerDocs: chunked })]).toEqual([
            ...anchorMatches(docs, anchors, { lowerDocs: joinDocs(lower) }),
          ]);
          const found: number[] = [];
          forEachChunkedDocWith(chunked, 'doc', (i) => {
            found.push(i);
            return found.length < 3;
          });
          expect(found).toEqual(lower.flatMap((d, i) => (d.includes('doc') ? [i] : [])).slice(0, 3));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('errorStemDocs flags every document holding a string isErrorValue accepts', () => {
    const values = ['ok', 'TimeoutError here', 'terrorist', '', 'connection_refused', 'fine', 'FAILED'];
    const { chunks } = valueDocs(values);
    const flags = errorStemDocs(chunks[0]!);
    expect([...flags]).toEqual([0, 1, 1, 0, 1, 0, 1]);
    values.forEach((v, i) => {
      if (isErrorValue(v)) expect(flags[i]).toBe(1);
    });
  });

  it('isErrorItem with the stem screen still tests strings the screen did not see', () => {
    class Row {
      id = 'r1';
    }
    Object.defineProperty(Row.prototype, 'note', { value: 'TimeoutError', enumerable: true });
    const row = new Row();
    const { chunks } = valueDocs([row]);
    expect(errorStemDocs(chunks[0]!)[0]).toBe(0);
    expect(isErrorItem(row)).toBe(true);
    expect(isErrorItem(row, { stemFreeDepth: 4 })).toBe(true);
    const deep = { a: { b: { c: { d: { e: 'failed' } } } } };
    expect(valueText(deep)).toBe('');
    expect(isErrorItem(deep, { stemFreeDepth: 4 })).toBe(true);
  });

  it('isErrorItem with the stem screen answers as isErrorItem (property)', () => {
    fc.assert(
      fc.property(items, fc.constantFrom(1, 50, 60_000), (values, chunkChars) => {
        const docs = valueDocs(values, 4, chunkChars);
        const flags = new Uint8Array(values.length);
        docs.chunks.forEach((c, k) => {
          flags.set(errorStemDocs(c), docs.firsts[k]);
        });
        values.forEach((v, i) => {
          const screened = flags[i] === 1 ? isErrorItem(v) : isErrorItem(v, { stemFreeDepth: 4 });
          expect(screened).toBe(isErrorItem(v));
        });
      }),
      { numRuns: 500 },
    );
  });
});
