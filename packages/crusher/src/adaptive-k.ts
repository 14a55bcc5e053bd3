import { PairSet } from './pair-set.js';
import { shapeHash } from './shape-hash.js';
import { UNUSUAL } from './shape-signature.js';

const SAMPLE_SIZE = 256;

export interface AdaptiveKInput {
  n: number;
  /** Compact serialization of item i (its shape). */
  serialized(i: number): string;
  /** `shapeHash` of item i's serialization, when it can be had without serializing. */
  shape?(i: number): number;
  /** `shapeSignature` of item i: items with different signatures need no shape hash. */
  signature?(i: number): number;
  /** Searchable text of item i (values only). */
  text(i: number): string;
}

export interface AdaptiveKOptions {
  minK: number;
  maxK: number;
  bias: number;
}

/** Stride sample of at most 256 indexes, spread over the whole array. */
export function strideSample(n: number, size = SAMPLE_SIZE): number[] {
  const m = Math.min(n, size);
  return Array.from({ length: m }, (_, j) => Math.floor((j * n) / m));
}

/** ASCII code → the code a word hashes (letters lowercased, digits as is), or -1 between words. */
const WORD_CODE = Int16Array.from({ length: 128 }, (_, c) =>
  (c >= 48 && c <= 57) || (c >= 97 && c <= 122) ? c : c >= 65 && c <= 90 ? c + 32 : -1,
);

/**
 * Distinct word bigrams seen after each item of the sample: the information coverage curve.
 * Words are hashed while scanning (FNV-1a over lowercased runs of letters and digits, any
 * non-ASCII char counting as a letter) and each bigram is the key `prev · 2^21 + (word mod 2^21)`,
 * stored as that (high, low) pair so no strings or heap numbers are made. This is a heuristic's
 * input, so it need not tokenize exactly like `lexTokens`.
 */
function coverageCurve(sample: readonly number[], text: (i: number) => string): number[] {
  // Sized for ~16 distinct bigrams per item, so a typical sample never rehashes.
  const seen = new PairSet(sample.length * 16);
  return sample.map((i) => {
    const t = text(i);
    let prev = -1;
    let words = 0;
    let h = 0x811c9dc5;
    let inWord = false;
    for (let p = 0; p <= t.length; p++) {
      const raw = p < t.length ? t.charCodeAt(p) : 32;
      const c = raw < 128 ? WORD_CODE[raw]! : raw;
      if (c >= 0) {
        h = Math.imul(h ^ c, 0x01000193);
        inWord = true;
      } else if (inWord) {
        const w = h >>> 0;
        if (prev >= 0) seen.add(prev, w & 0x1fffff);
        prev = w;
        words++;
        h = 0x811c9dc5;
        inWord = false;
      }
    }
    // A lone word is the key `prev` itself: the same key space as the bigrams.
    if (words === 1) seen.add(prev >>> 21, prev & 0x1fffff);
    return seen.size;
  });
}

/** Kneedle on a rising curve: the point farthest above the diagonal, if it is clearly there. */
function knee(curve: readonly number[]): number | undefined {
  const last = curve[curve.length - 1] ?? 0;
  if (last === 0 || curve.length < 2) return undefined;
  let best = -1;
  let at = -1;
  curve.forEach((y, j) => {
    const d = y / last - (j + 1) / curve.length;
    if (d > best) {
      best = d;
      at = j;
    }
  });
  return best < 0.05 ? undefined : at + 1;
}

/** Distinct shapes of the sample, or undefined as soon as `surelyMax` holds. */
function countShapes(
  sample: readonly number[],
  shapeOf: (i: number) => number,
  surelyMax: (count: number) => boolean,
): number | undefined {
  const seen = new Set<number>();
  for (const i of sample) {
    seen.add(shapeOf(i));
    if (surelyMax(seen.size)) return undefined;
  }
  return seen.size;
}

/**
 * `countShapes`, hashing only items whose signature another item shares: items with a signature
 * of their own are each a shape of their own. (Two different shapes whose 32-bit hashes collide
 * count as two here, as they should; hashing every item counted them as one.)
 */
function countBySignature(
  sample: readonly number[],
  signature: (i: number) => number,
  shapeOf: (i: number) => number,
  surelyMax: (count: number) => boolean,
): number | undefined {
  const first = new Map<number, number>();
  const shared = new Map<number, number[]>();
  for (const i of sample) {
    const s = signature(i);
    if (s === UNUSUAL) return countShapes(sample, shapeOf, surelyMax);
    const f = first.get(s);
    if (f === undefined) {
      first.set(s, i);
      // Every signature holds at least one shape.
      if (surelyMax(first.size)) return undefined;
    } else {
      const members = shared.get(s);
      if (members) members.push(i);
      else shared.set(s, [f, i]);
    }
  }
  let count = first.size;
  for (const members of shared.values()) {
    count += new Set(members.map(shapeOf)).size - 1;
    if (surelyMax(count)) return undefined;
  }
  return count;
}

/** `k` for a sample-level `kSample`: scaled to n, times `bias`, within [minK, maxK]. */
function scaled(kSample: number, m: number, input: AdaptiveKInput, opts: AdaptiveKOptions): number {
  const k = Math.round(((kSample * input.n) / m) * opts.bias);
  return Math.min(opts.maxK, Math.max(opts.minK, k));
}

/**
 * How many items carry the array's information: few shapes → few items; otherwise the knee of the
 * bigram coverage curve over a ≤ 256-item sample, scaled to n, times `bias`, within [minK, maxK].
 *
 * Once more than 70 % of the sample has distinct shapes, k is at least the diversity floor, which
 * only grows with the count; when that floor already scales to maxK, neither the rest of the
 * shapes nor the coverage curve can change k (typical of search results and other varied rows),
 * so both are skipped. With signatures, the lower bound comes first from them alone.
 */
export function adaptiveK(input: AdaptiveKInput, opts: AdaptiveKOptions): number {
  const sample = strideSample(input.n);
  const m = sample.length;
  const shapeOf = input.shape ?? ((i: number) => shapeHash(input.serialized(i)));
  // At least `count` shapes, over 3 and over 70 %, so kSample ≥ this floor; and scaled() is
  // non-decreasing in kSample when bias > 0.
  const surelyMax = (count: number) =>
    count > 3 &&
    count / m > 0.7 &&
    opts.bias > 0 &&
    scaled(m * (0.3 + 0.7 * (count / m)), m, input, opts) === opts.maxK;
  const shapes = input.signature
    ? countBySignature(sample, input.signature, shapeOf, surelyMax)
    : countShapes(sample, shapeOf, surelyMax);
  if (shapes === undefined) return opts.maxK;
  const diversity = shapes / m;
  let kSample: number;
  if (shapes <= 3) {
    kSample = shapes;
  } else {
    const floor = m * (0.3 + 0.7 * diversity);
    const k = knee(coverageCurve(sample, input.text));
    kSample = k === undefined ? floor : diversity > 0.7 ? Math.max(k, floor) : k;
  }
  return scaled(kSample, m, input, opts);
}
