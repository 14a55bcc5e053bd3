/**
 * TF-IDF cosine over lexical tokens, the semantic-similarity factor without an embedder:
 * deterministic, no model. IDF comes from the documents (units) of the conversation itself, so
 * words every message shares (tool names, field names) weigh little.
 */
export class TfIdf {
  private readonly idf = new Map<string, number>();

  constructor(docs: readonly ReadonlyMap<string, number>[]) {
    const df = new Map<string, number>();
    for (const doc of docs) for (const t of doc.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    for (const [t, n] of df) this.idf.set(t, Math.log(1 + docs.length / n));
  }

  /** Sublinear term weights (1 + ln tf) · idf; unknown terms weigh like a term seen once. */
  weights(terms: ReadonlyMap<string, number>): Map<string, number> {
    const out = new Map<string, number>();
    for (const [t, n] of terms) out.set(t, this.weight(t, n));
    return out;
  }

  /** Cosine of `terms` and a weight vector from `weights`, in [0, 1]. */
  cosine(
    terms: ReadonlyMap<string, number>,
    target: ReadonlyMap<string, number>,
    targetNorm: number,
  ): number {
    if (targetNorm === 0) return 0;
    let dot = 0;
    let norm = 0;
    for (const [t, n] of terms) {
      const w = this.weight(t, n);
      norm += w * w;
      const other = target.get(t);
      if (other !== undefined) dot += w * other;
    }
    return norm === 0 ? 0 : Math.min(1, dot / (Math.sqrt(norm) * targetNorm));
  }

  private weight(term: string, count: number): number {
    const idf = this.idf.get(term) ?? Math.LN2;
    return count === 1 ? idf : (1 + Math.log(count)) * idf;
  }
}

export function norm(weights: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (const w of weights.values()) sum += w * w;
  return Math.sqrt(sum);
}

/** Term counts of several documents added up (the recent context). */
export function sumTerms(docs: readonly ReadonlyMap<string, number>[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const doc of docs) for (const [t, n] of doc) out.set(t, (out.get(t) ?? 0) + n);
  return out;
}
