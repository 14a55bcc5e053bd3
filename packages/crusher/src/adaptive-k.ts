const SAMPLE_SIZE = 256;

export interface AdaptiveKInput {
  n: number;
  /** Compact serialization of item i (its shape). */
  serialized(i: number): string;
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

/**
 * FNV-1a hash of a string's shape: lowercased, digit runs as one `0`, whitespace runs as one
 * space. Computed in one pass without building the normalized string.
 */
function shapeHash(s: string): number {
  let h = 0x811c9dc5;
  let prev = -1;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) c = 48;
    else if (c === 32 || c === 9 || c === 10 || c === 13) c = 32;
    else if (c >= 65 && c <= 90) c += 32;
    else if (c > 127) c = s[i]!.toLowerCase().charCodeAt(0);
    if ((c === 48 || c === 32) && c === prev) continue;
    prev = c;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Distinct word bigrams seen after each item of the sample: the information coverage curve.
 * Words are hashed while scanning (FNV-1a over lowercased runs of letters and digits, any
 * non-ASCII char counting as a letter) and bigrams kept as packed pairs of hashes: no strings are built. This is
 * a heuristic's input, so it need not tokenize exactly like `lexTokens`.
 */
function coverageCurve(sample: readonly number[], text: (i: number) => string): number[] {
  const seen = new Set<number>();
  return sample.map((i) => {
    const t = text(i);
    let prev = -1;
    let words = 0;
    let h = 0x811c9dc5;
    let inWord = false;
    for (let p = 0; p <= t.length; p++) {
      const c = p < t.length ? t.charCodeAt(p) : 32;
      const word = (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c > 127;
      if (word) {
        h = Math.imul(h ^ (c >= 65 && c <= 90 ? c + 32 : c), 0x01000193);
        inWord = true;
      } else if (inWord) {
        const w = h >>> 0;
        if (prev >= 0) seen.add(prev * 0x200000 + (w & 0x1fffff));
        prev = w;
        words++;
        h = 0x811c9dc5;
        inWord = false;
      }
    }
    if (words === 1) seen.add(prev);
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

/**
 * How many items carry the array's information: few shapes → few items; otherwise the knee of the
 * bigram coverage curve over a ≤ 256-item sample, scaled to n, times `bias`, within [minK, maxK].
 */
export function adaptiveK(input: AdaptiveKInput, opts: AdaptiveKOptions): number {
  const sample = strideSample(input.n);
  const shapes = new Set(sample.map((i) => shapeHash(input.serialized(i)))).size;
  const diversity = shapes / sample.length;
  let kSample: number;
  if (shapes <= 3) {
    kSample = shapes;
  } else {
    const floor = sample.length * (0.3 + 0.7 * diversity);
    const k = knee(coverageCurve(sample, input.text));
    kSample = k === undefined ? floor : diversity > 0.7 ? Math.max(k, floor) : k;
  }
  const k = Math.round(((kSample * input.n) / sample.length) * opts.bias);
  return Math.min(opts.maxK, Math.max(opts.minK, k));
}
