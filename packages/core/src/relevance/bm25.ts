export interface Bm25Options {
  k1?: number;
  b?: number;
}

/**
 * Okapi BM25 over one batch of documents (items, lines, messages), with IDF computed over this
 * batch: `idf = ln(1 + (N − df + 0.5) / (df + 0.5))`. Query terms present in more than half of a
 * batch of at least 8 documents are ignored as non-discriminative.
 *
 * Scoring needs term frequencies of the query terms only, so the batch keeps the token lists and
 * counts just those in one pass per query (no per-document frequency maps).
 */
export class Bm25Batch {
  private readonly k1: number;
  private readonly b: number;
  private readonly avgLength: number;

  constructor(
    private readonly documents: readonly (readonly string[])[],
    opts: Bm25Options = {},
  ) {
    this.k1 = opts.k1 ?? 1.5;
    this.b = opts.b ?? 0.75;
    let total = 0;
    for (const d of documents) total += d.length;
    this.avgLength = documents.length > 0 ? total / documents.length : 0;
  }

  get size(): number {
    return this.documents.length;
  }

  /** Raw BM25 score of every document for the query tokens. */
  scores(queryTokens: readonly string[]): number[] {
    const n = this.documents.length;
    const scores = new Array<number>(n).fill(0);
    const terms = [...new Set(queryTokens)];
    if (terms.length === 0 || n === 0) return scores;
    const slot = new Map(terms.map((t, j) => [t, j]));
    const width = terms.length;
    const tf = new Uint32Array(n * width);
    const df = new Uint32Array(width);
    for (let i = 0; i < n; i++) {
      for (const token of this.documents[i]!) {
        const j = slot.get(token);
        if (j !== undefined && tf[i * width + j]!++ === 0) df[j]!++;
      }
    }
    const idf = terms.map((_, j) => {
      const d = df[j]!;
      return d === 0 || (n >= 8 && d > 0.5 * n) ? 0 : Math.log(1 + (n - d + 0.5) / (d + 0.5));
    });
    const { k1, b, avgLength } = this;
    for (let i = 0; i < n; i++) {
      const norm = k1 * (1 - b + (b * this.documents[i]!.length) / (avgLength || 1));
      let score = 0;
      for (let j = 0; j < width; j++) {
        const f = tf[i * width + j]!;
        if (f > 0 && idf[j]! > 0) score += (idf[j]! * (f * (k1 + 1))) / (f + norm);
      }
      scores[i] = score;
    }
    return scores;
  }
}

export interface RankedDoc {
  index: number;
  score: number;
  /** Score divided by the batch maximum. */
  normalized: number;
}

/**
 * Keeps documents with a positive score whose batch-normalized score reaches `threshold`, sorted by
 * score (ties by index), at most `max`.
 */
export function rankRelevant(
  scores: readonly number[],
  opts: { threshold?: number; max?: number } = {},
): RankedDoc[] {
  const { threshold = 0, max = Number.POSITIVE_INFINITY } = opts;
  let best = 0;
  for (const s of scores) if (s > best) best = s;
  if (best <= 0) return [];
  const out: RankedDoc[] = [];
  scores.forEach((score, index) => {
    const normalized = score / best;
    if (score > 0 && normalized >= threshold) out.push({ index, score, normalized });
  });
  out.sort((a, b) => b.score - a.score || a.index - b.index);
  return out.slice(0, max);
}
