import { lexTokens } from '@headroom/core';
import { describe, expect, it } from 'vitest';
import { norm, sumTerms, TfIdf } from './tfidf.js';

const terms = (text: string) => {
  const out = new Map<string, number>();
  for (const t of lexTokens(text)) out.set(t, (out.get(t) ?? 0) + 1);
  return out;
};

describe('TfIdf', () => {
  const docs = [
    terms('deploy failed on node seven'),
    terms('deploy succeeded on node three'),
    terms('invoice paid by card'),
    terms('deploy queued on node nine'),
  ];
  const tfidf = new TfIdf(docs);
  const cosine = (a: Map<string, number>, b: Map<string, number>) => {
    const w = tfidf.weights(b);
    return tfidf.cosine(a, w, norm(w));
  };

  it('is 1 for the same text and 0 for texts sharing no word', () => {
    expect(cosine(docs[0]!, docs[0]!)).toBeCloseTo(1, 12);
    expect(cosine(docs[0]!, docs[2]!)).toBe(0);
    expect(cosine(new Map(), docs[0]!)).toBe(0);
    expect(cosine(docs[0]!, new Map())).toBe(0);
  });

  it('weighs a shared rare word above shared common words', () => {
    const rare = cosine(terms('failed'), docs[0]!);
    const common = cosine(terms('deploy'), docs[0]!);
    expect(rare).toBeGreaterThan(common);
  });

  it('adds up the term counts of a context', () => {
    expect(sumTerms([terms('a1 b2'), terms('b2 c3')])).toEqual(
      new Map([
        ['a1', 1],
        ['b2', 2],
        ['c3', 1],
      ]),
    );
  });
});
