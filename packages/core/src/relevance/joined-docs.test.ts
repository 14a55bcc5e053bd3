import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anchorMatches } from './anchors.js';
import { Bm25Batch } from './bm25.js';
import { errorStemLines, isErrorValue } from './error-detector.js';
import { docCount, docText, forEachDocWith, type JoinedDocs, joinDocs, lineDocs } from './joined-docs.js';
import { queryTokens } from './lexer.js';

const word = fc.constantFrom(
  'doc',
  '42',
  'cache',
  'é',
  '550e8400-e29b-41d4-a716-446655440000',
  'doc-42',
  'x_y',
  'ΑΣ',
  'İ',
  'Timeout',
  '\n',
  ':',
);
const doc = fc
  .tuple(
    fc.array(fc.oneof(word, fc.string({ maxLength: 5 })), { maxLength: 10 }),
    fc.constantFrom(' ', '-', ''),
  )
  .map(([ws, sep]) => ws.join(sep));

/** The same documents with arbitrary text in the gaps between them (grep prefixes, separators). */
function withGaps(docs: readonly string[], gaps: readonly string[]): JoinedDocs {
  let text = '';
  const starts = new Uint32Array(docs.length);
  const ends = new Uint32Array(docs.length);
  docs.forEach((d, i) => {
    text += gaps[i % Math.max(1, gaps.length)] ?? '';
    starts[i] = text.length;
    text += d;
    ends[i] = text.length;
  });
  return { text: text + (gaps[0] ?? ''), starts, ends };
}

describe('joined documents', () => {
  it('joinDocs and lineDocs lay out each document in place', () => {
    const docs = joinDocs(['ab', '', 'c d']);
    expect(docs.text).toBe('ab\n\nc d');
    expect([0, 1, 2].map((i) => docText(docs, i))).toEqual(['ab', '', 'c d']);
    const text = 'one\r\ntwo\r\n';
    const lines = lineDocs(text, [0, 5, 10], 2);
    expect(docCount(lines)).toBe(2);
    expect([docText(lines, 0), docText(lines, 1)]).toEqual(['one', 'two']);
  });

  it('forEachDocWith finds each document holding the needle once, in order (property)', () => {
    fc.assert(
      fc.property(
        fc.array(doc, { maxLength: 12 }),
        fc.array(fc.constantFrom('do', 'c:', '\n', 'zz', 'doc 4'), { maxLength: 3 }),
        fc.constantFrom('doc', 'c', '42', '\n', 'c\nd', 'x', ''),
        (docs, gaps, needle) => {
          const found: number[] = [];
          forEachDocWith(withGaps(docs, gaps), needle, (i) => {
            found.push(i);
            return true;
          });
          expect(found).toEqual(docs.flatMap((d, i) => (d.includes(needle) ? [i] : [])));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('Bm25Batch scores a JoinedDocs bit for bit like the array of its documents (property)', () => {
    fc.assert(
      fc.property(
        fc.array(doc, { minLength: 1, maxLength: 14 }),
        fc.array(fc.constantFrom('a:1:', '\n', 'doc', '-', ''), { maxLength: 3 }),
        fc.array(word, { minLength: 1, maxLength: 3 }),
        (docs, gaps, query) => {
          const lower = docs.map((d) => d.toLowerCase());
          const terms = [...queryTokens(query.join(' ')), 'doc-42'];
          // An empty term is ignored (it used to never end the search).
          expect(new Bm25Batch(lower, { lowercased: true }).scores([...terms, ''])).toEqual(
            new Bm25Batch(lower, { lowercased: true }).scores(terms),
          );
          const expected = new Bm25Batch(lower, { lowercased: true }).scores(terms);
          expect(new Bm25Batch(withGaps(lower, gaps)).scores(terms)).toEqual(expected);
          expect(new Bm25Batch(joinDocs(lower)).scores(terms)).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('anchorMatches with lowerDocs equals the per-item check (property)', () => {
    fc.assert(
      fc.property(
        fc.array(doc, { maxLength: 14 }),
        fc.array(fc.constantFrom('doc', '42', 'c\nd', 'ΑΣ', 'xyz', 'é'), { maxLength: 3 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (items, anchors, maxCoverage) => {
          const lowerDocs = joinDocs(items.map((t) => t.toLowerCase()));
          expect([...anchorMatches(items, anchors, { maxCoverage, lowerDocs })]).toEqual([
            ...anchorMatches(items, anchors, { maxCoverage }),
          ]);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('errorStemLines flags every line isErrorValue can accept', () => {
    const lines = ['ok', 'TimeoutError here', 'terrorist', '', 'connection_refused', 'fine', 'FAILED'];
    const text = lines.join('\n');
    const starts = [0];
    for (const l of lines) starts.push(starts[starts.length - 1]! + l.length + 1);
    const flags = errorStemLines(text, starts);
    expect([...flags]).toEqual([0, 1, 1, 0, 1, 0, 1]);
    lines.forEach((l, i) => {
      if (isErrorValue(l)) expect(flags[i]).toBe(1);
    });
  });
});
