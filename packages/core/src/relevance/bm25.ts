import {
  type ChunkedDocs,
  chunkedCount,
  chunkedDocText,
  chunkOf,
  chunkTexts,
  type JoinedDocs,
  oneChunk,
} from './joined-docs.js';
import { countLexTokens, forEachToken } from './lexer.js';

type Docs = readonly string[] | JoinedDocs | ChunkedDocs;
const isChunked = (t: Docs): t is ChunkedDocs => 'chunks' in t;
const isJoined = (t: Docs): t is JoinedDocs => !Array.isArray(t) && !isChunked(t);

const isAsciiWord = (c: number) => (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);

const AVG_SAMPLE = 64;

/** What a hit of a term is: not a token of its own, one, or undecidable without tokenizing. */
const NO_TOKEN = 0;
const COUNTED = 1;
const UNSURE = 2;

/** The kind of the hit of a term (length `len`) at `p` in the document `[start, end)` of `text`. */
function classify(text: string, p: number, len: number, start: number, end: number, dashed: boolean): number {
  const after = p + len < end ? text.charCodeAt(p + len) : 32;
  const before = p > start ? text.charCodeAt(p - 1) : 32;
  const ambiguous =
    dashed ||
    before === 45 ||
    after === 45 ||
    before >= 128 ||
    after >= 128 ||
    // a UUID token ends without a word boundary ("…440000doc" is UUID + "doc")
    (isAsciiWord(before) && p - start >= 36 && text.charCodeAt(p - 13) === 45);
  if (ambiguous) return UNSURE;
  return !isAsciiWord(before) && !isAsciiWord(after) ? COUNTED : NO_TOKEN;
}

/**
 * Mean document length in tokens. Up to 64 documents it is exact; larger batches use an even
 * stride sample of 64 (avgdl is BM25's normalization constant; scored documents always use their
 * exact length), which keeps a 10,000-item batch from tokenizing every document.
 */
function averageLength(docs: ChunkedDocs): number {
  const n = chunkedCount(docs);
  if (n === 0) return 0;
  const m = Math.min(n, AVG_SAMPLE);
  let total = 0;
  for (let j = 0; j < m; j++) total += countLexTokens(chunkedDocText(docs, Math.floor((j * n) / m)));
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
  /** Mean document length, sampled on first use: a query that matches nothing never needs it. */
  private avgLengthCache: number | undefined;
  /**
   * The lowercased documents, laid out in a few long strings: a term is one native search per
   * chunk, not one per document.
   */
  private readonly docs: ChunkedDocs;

  /**
   * `texts` are the documents, lowercased here unless `lowercased`; or a `JoinedDocs` (a
   * lowercased whole text with its line offsets: no copy per document) or `ChunkedDocs` of
   * already lowercased documents.
   */
  constructor(texts: Docs, opts: Bm25Options & { lowercased?: boolean } = {}) {
    this.k1 = opts.k1 ?? 1.5;
    this.b = opts.b ?? 0.75;
    if (isChunked(texts)) this.docs = texts;
    else if (isJoined(texts)) this.docs = oneChunk(texts);
    else this.docs = chunkTexts(opts.lowercased ? texts : texts.map((t) => t.toLowerCase()));
  }

  private get avgLength(): number {
    this.avgLengthCache ??= averageLength(this.docs);
    return this.avgLengthCache;
  }

  get size(): number {
    return chunkedCount(this.docs);
  }

  /**
   * Token frequency of `term` per document, from one search of the joined batch with a boundary
   * check at each hit; documents where the check cannot decide are tokenized. Undefined when the
   * term is in more than `limit` documents (it cannot discriminate): the first pass settles each
   * document at its first decisive hit and skips the rest of it, so a common term is given up
   * after about `limit` hits; the second counts the rest of the hits of the documents it holds.
   */
  private frequencies(term: string, limit: number): Map<number, number> | undefined {
    const n = chunkedCount(this.docs);
    // Counts by document in typed arrays (a Map update per hit costs more); documents in order of
    // their first counted hit, and the unsure ones (their count is redone by tokenizing).
    const counts = new Uint32Array(n);
    const unsure = new Uint8Array(n);
    const counted: number[] = [];
    /** Per counted document, the chunk offset of its first counted hit. */
    const firstHit: number[] = [];
    const recount: number[] = [];
    const len = term.length;
    const dashed = term.includes('-');
    const { chunks, firsts } = this.docs;
    for (let c = 0; c < chunks.length; c++) {
      const { text, starts, ends } = chunks[c]!;
      const m = ends.length;
      const base = firsts[c]!;
      let doc = 0;
      let p = text.indexOf(term);
      while (p >= 0) {
        // The first document that could hold a hit ending at p + len; none left, no more hits.
        while (doc < m && ends[doc]! < p + len) doc++;
        if (doc === m) break;
        const hit = p < starts[doc]! ? NO_TOKEN : classify(text, p, len, starts[doc]!, ends[doc]!, dashed);
        if (hit === NO_TOKEN) {
          p = text.indexOf(term, p + 1);
          continue;
        }
        const at = base + doc;
        if (hit === UNSURE) {
          unsure[at] = 1;
          recount.push(at);
        } else {
          counts[at] = 1;
          counted.push(at);
          firstHit.push(p);
          // Already in more documents than a discriminative term may be: stop searching.
          if (counted.length > limit) return undefined;
        }
        // This document is settled (counted or unsure): search on from its end.
        p = text.indexOf(term, ends[doc]!);
      }
    }
    // The other hits of each counted document: more counts, or an unsure one.
    for (let k = 0; k < counted.length; k++) {
      const at = counted[k]!;
      const c = chunkOf(this.docs, at);
      const { text, starts, ends } = this.docs.chunks[c]!;
      const doc = at - this.docs.firsts[c]!;
      const start = starts[doc]!;
      const end = ends[doc]!;
      for (
        let p = text.indexOf(term, firstHit[k]! + 1);
        p >= 0 && p + len <= end;
        p = text.indexOf(term, p + 1)
      ) {
        const hit = classify(text, p, len, start, end, dashed);
        if (hit === COUNTED) counts[at]!++;
        else if (hit === UNSURE) {
          unsure[at] = 1;
          recount.push(at);
          break;
        }
      }
    }
    const out = new Map<number, number>();
    for (const i of counted) if (unsure[i] === 0) out.set(i, counts[i]!);
    for (const i of recount) {
      const f = tokenCount(chunkedDocText(this.docs, i), term);
      if (f > 0) out.set(i, f);
    }
    return out;
  }

  /** Raw BM25 score of every document for the query tokens. */
  scores(queryTokens: readonly string[]): number[] {
    const n = chunkedCount(this.docs);
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
      const norm = k1 * (1 - b + (b * countLexTokens(chunkedDocText(this.docs, i))) / (avgLength || 1));
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
