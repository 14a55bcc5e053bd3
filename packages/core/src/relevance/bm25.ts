import { countLexTokens, forEachToken } from './lexer.js';

const isAsciiWord = (c: number) => (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);

/**
 * How often `term` occurs as a whole token of lowercased `text`, by native substring search and a
 * look at the characters either side. Undefined when that look cannot decide (a neighbour is a
 * dash or a UUID's last group, which may belong to a UUID token, or non-ASCII): then the text is
 * tokenized instead.
 */
function occurrences(text: string, term: string): number | undefined {
  let p = text.indexOf(term);
  if (p < 0) return 0;
  if (term.includes('-')) return undefined;
  let count = 0;
  while (p >= 0) {
    const before = p > 0 ? text.charCodeAt(p - 1) : 32;
    const after = p + term.length < text.length ? text.charCodeAt(p + term.length) : 32;
    if (before === 45 || after === 45 || before >= 128 || after >= 128) return undefined;
    // A UUID token ends without a word boundary ("…440000doc" is UUID + "doc"): let the lexer decide.
    if (isAsciiWord(before) && p >= 36 && text.charCodeAt(p - 13) === 45) return undefined;
    if (!isAsciiWord(before) && !isAsciiWord(after)) count++;
    p = text.indexOf(term, p + 1);
  }
  return count;
}

const AVG_SAMPLE = 256;

/**
 * Mean document length in tokens. Up to 256 documents it is exact; larger batches use an even
 * stride sample of 256 (avgdl is BM25's normalization constant; scored documents always use their
 * exact length), which keeps a 10,000-item batch from tokenizing every document.
 */
function averageLength(docs: readonly string[]): number {
  const n = docs.length;
  if (n === 0) return 0;
  const m = Math.min(n, AVG_SAMPLE);
  let total = 0;
  for (let j = 0; j < m; j++) total += countLexTokens(docs[Math.floor((j * n) / m)]!);
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
 * Documents are texts, tokenized like `lexTokens`. Term frequencies come from native substring
 * search with a token-boundary check (the lexer decides the rare ambiguous cases), and only the
 * documents holding a discriminative term are ever tokenized, for their length. Scores equal those
 * of tokenizing every document, except that batches over 256 documents estimate avgdl from a sample.
 */
export class Bm25Batch {
  private readonly k1: number;
  private readonly b: number;
  private readonly lower: readonly string[];
  private readonly avgLength: number;

  constructor(texts: readonly string[], opts: Bm25Options & { lowercased?: boolean } = {}) {
    this.k1 = opts.k1 ?? 1.5;
    this.b = opts.b ?? 0.75;
    this.lower = opts.lowercased ? texts : texts.map((t) => t.toLowerCase());
    this.avgLength = averageLength(this.lower);
  }

  get size(): number {
    return this.lower.length;
  }

  /** Raw BM25 score of every document for the query tokens. */
  scores(queryTokens: readonly string[]): number[] {
    const n = this.lower.length;
    const scores = new Array<number>(n).fill(0);
    const terms = [...new Set(queryTokens)];
    if (terms.length === 0 || n === 0) return scores;
    const width = terms.length;
    const tf = new Uint32Array(n * width);
    const df = new Uint32Array(width);
    for (let i = 0; i < n; i++) {
      const text = this.lower[i]!;
      for (let j = 0; j < width; j++) {
        const f = occurrences(text, terms[j]!) ?? tokenCount(text, terms[j]!);
        if (f === 0) continue;
        tf[i * width + j] = f;
        df[j]!++;
      }
    }
    const idf = terms.map((_, j) => {
      const d = df[j]!;
      return d === 0 || (n >= 8 && d > 0.5 * n) ? 0 : Math.log(1 + (n - d + 0.5) / (d + 0.5));
    });
    // Only documents holding a discriminative term get a score, so only they need their length.
    const matched: number[] = [];
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < width; j++) {
        if (idf[j]! > 0 && tf[i * width + j]! > 0) {
          matched.push(i);
          break;
        }
      }
    }
    const { k1, b, avgLength } = this;
    for (const i of matched) {
      const norm = k1 * (1 - b + (b * countLexTokens(this.lower[i]!)) / (avgLength || 1));
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
