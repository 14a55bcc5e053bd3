import { docCount, docText, type JoinedDocs, joinDocs } from './joined-docs.js';
import { countLexTokens, forEachToken } from './lexer.js';

const isJoined = (t: readonly string[] | JoinedDocs): t is JoinedDocs => !Array.isArray(t);

const isAsciiWord = (c: number) => (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);

const AVG_SAMPLE = 64;

/**
 * Mean document length in tokens. Up to 64 documents it is exact; larger batches use an even
 * stride sample of 64 (avgdl is BM25's normalization constant; scored documents always use their
 * exact length), which keeps a 10,000-item batch from tokenizing every document.
 */
function averageLength(docs: JoinedDocs): number {
  const n = docCount(docs);
  if (n === 0) return 0;
  const m = Math.min(n, AVG_SAMPLE);
  let total = 0;
  for (let j = 0; j < m; j++) total += countLexTokens(docText(docs, Math.floor((j * n) / m)));
  return total / m;
}

/** Exact count of `term` among the tokens of lowercased `text`. */
function tokenCount(text: string, term: string): number {
  let count = 0;
  forEachToken(text, (start, end) => {
    if (end - start === term.length && text.startsWith(term, start)) count++;
  });
  return count;
}

export interface Bm25Options {
  k1?: number;
  b?: number;
}

/**
 * Okapi BM25 over one batch of documents (items, lines, messages), with IDF computed over this
 * batch: `idf = ln(1 + (N − df + 0.5) / (df + 0.5))`. Query terms present in more than half of a
 * batch of at least 8 documents are ignored as non-discriminative.
 *
 * Documents are texts, tokenized like `lexTokens`. Each query term is found with one native search
 * of the whole batch, and a hit counts as a token when the characters either side are boundaries
 * (the lexer decides the ambiguous cases: dashes, UUIDs, non-ASCII). Only documents that score are
 * tokenized, for their length. Scores equal those of tokenizing every document, except that
 * batches over 64 documents estimate avgdl from a sample.
 */
export class Bm25Batch {
  private readonly k1: number;
  private readonly b: number;
  private readonly avgLength: number;
  /** The lowercased documents, laid out in one string: a term is one native search, not one per document. */
  private readonly docs: JoinedDocs;

  /**
   * `texts` are the documents, lowercased here unless `lowercased`; or a `JoinedDocs` of already
   * lowercased documents (a lowercased whole text with its line offsets: no copy per document).
   */
  constructor(texts: readonly string[] | JoinedDocs, opts: Bm25Options & { lowercased?: boolean } = {}) {
    this.k1 = opts.k1 ?? 1.5;
    this.b = opts.b ?? 0.75;
    if (isJoined(texts)) this.docs = texts;
    else this.docs = joinDocs(opts.lowercased ? texts : texts.map((t) => t.toLowerCase()));
    this.avgLength = averageLength(this.docs);
  }

  get size(): number {
    return docCount(this.docs);
  }

  /**
   * Token frequency of `term` per document, from one search of the joined batch with a boundary
   * check at each hit; documents where the check cannot decide are tokenized. Undefined as soon as
   * the term is in more than `limit` documents (it cannot discriminate).
   */
  private frequencies(term: string, limit: number): Map<number, number> | undefined {
    const { text, starts, ends } = this.docs;
    const n = ends.length;
    // Counts by document in typed arrays (a Map update per hit costs more); documents in order of
    // their first counted hit, and the unsure ones (their count is redone by tokenizing).
    const counts = new Uint32Array(n);
    const unsure = new Uint8Array(n);
    const counted: number[] = [];
    const recount: number[] = [];
    const len = term.length;
    const dashed = term.includes('-');
    let doc = 0;
    for (let p = text.indexOf(term); p >= 0; p = text.indexOf(term, p + 1)) {
      // The first document that could hold a hit ending at p + len; none left, no more hits.
      while (doc < n && ends[doc]! < p + len) doc++;
      if (doc === n) break;
      const start = starts[doc]!;
      if (p < start || unsure[doc] === 1) continue;
      const end = p + len;
      const before = p > start ? text.charCodeAt(p - 1) : 32;
      const after = end < ends[doc]! ? text.charCodeAt(end) : 32;
      const ambiguous =
        dashed ||
        before === 45 ||
        after === 45 ||
        before >= 128 ||
        after >= 128 ||
        // a UUID token ends without a word boundary ("…440000doc" is UUID + "doc")
        (isAsciiWord(before) && p - start >= 36 && text.charCodeAt(p - 13) === 45);
      if (ambiguous) {
        unsure[doc] = 1;
        recount.push(doc);
      } else if (!isAsciiWord(before) && !isAsciiWord(after) && counts[doc]!++ === 0) {
        counted.push(doc);
        // Already in more documents than a discriminative term may be: stop searching.
        if (counted.length > limit) return undefined;
      }
    }
    const out = new Map<number, number>();
    for (const i of counted) if (unsure[i] === 0) out.set(i, counts[i]!);
    for (const i of recount) {
      const f = tokenCount(docText(this.docs, i), term);
      if (f > 0) out.set(i, f);
    }
    return out;
  }

  /** Raw BM25 score of every document for the query tokens. */
  scores(queryTokens: readonly string[]): number[] {
    const n = docCount(this.docs);
    const scores = new Array<number>(n).fill(0);
    // An empty term is in every document (it never discriminates) and would never end the search.
    const terms = [...new Set(queryTokens)].filter((t) => t.length > 0);
    if (terms.length === 0 || n === 0) return scores;
    const common = n >= 8 ? 0.5 * n : Number.POSITIVE_INFINITY;
    // Terms in more than half of the batch do not discriminate and are ignored.
    const live = terms
      .map((t) => this.frequencies(t, common))
      .filter((f): f is Map<number, number> => f !== undefined && f.size > 0 && f.size <= common);
    if (live.length === 0) return scores;
    const idf = live.map((f) => Math.log(1 + (n - f.size + 0.5) / (f.size + 0.5)));
    const docs = new Set<number>();
    for (const f of live) for (const i of f.keys()) docs.add(i);
    const { k1, b, avgLength } = this;
    for (const i of docs) {
      const norm = k1 * (1 - b + (b * countLexTokens(docText(this.docs, i))) / (avgLength || 1));
      let score = 0;
      live.forEach((f, w) => {
        const tf = f.get(i);
        if (tf) score += (idf[w]! * (tf * (k1 + 1))) / (tf + norm);
      });
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
  for (let index = 0; index < scores.length; index++) {
    const score = scores[index]!;
    const normalized = score / best;
    if (score > 0 && normalized >= threshold) out.push({ index, score, normalized });
  }
  out.sort((a, b) => b.score - a.score || a.index - b.index);
  return out.slice(0, max);
}
