/** Bounded count maps, keyed by hashes (hex digits, query shapes) or by names. */
export type Counts = Record<string, number>;

/** For arbitrary names (strategies): no prototype, so a key can never collide with `constructor`. */
export function dict<V = number>(): Record<string, V> {
  return Object.create(null) as Record<string, V>;
}

/**
 * For hash keys: a plain object, about half the memory of a prototype-less one in V8. No hex
 * digest or query shape can name an `Object.prototype` member, and the codec admits nothing else.
 */
export function hashMap<V = number>(): Record<string, V> {
  return {};
}

/** Adds `by` to `key`; a new key is admitted only while the map holds fewer than `cap` keys. */
export function bump(counts: Counts, key: string, cap: number, by = 1): void {
  const current = counts[key];
  if (current !== undefined) counts[key] = current + by;
  else if (sizeAtMost(counts, cap - 1)) counts[key] = by;
}

/** True when `counts` has at most `n` keys, without counting past `n`. */
export function sizeAtMost(counts: object, n: number): boolean {
  let size = 0;
  for (const _ in counts) if (++size > n) return false;
  return true;
}

/** Keys by count, highest first; ties by key, so the order never depends on insertion. */
export function ranked(counts: Counts): string[] {
  return Object.keys(counts).sort((a, b) => counts[b]! - counts[a]! || (a < b ? -1 : a > b ? 1 : 0));
}

/** The `cap` highest counts (ties by key). */
export function topCounts(counts: Counts, cap: number): Counts {
  const out = hashMap();
  for (const key of ranked(counts).slice(0, cap)) out[key] = counts[key]!;
  return out;
}

/** Sum of two count maps, re-capped to the `cap` highest (sorted only when over the cap). */
export function addCounts(a: Counts, b: Counts, cap: number): Counts {
  if (sizeAtMost(b, 0) && sizeAtMost(a, cap)) return a;
  if (sizeAtMost(a, 0) && sizeAtMost(b, cap)) return b;
  const sum = hashMap();
  let size = 0;
  for (const key in a) {
    sum[key] = a[key]!;
    size++;
  }
  for (const key in b) {
    const prev = sum[key];
    if (prev === undefined) size++;
    sum[key] = (prev ?? 0) + b[key]!;
  }
  return size <= cap ? sum : topCounts(sum, cap);
}

const before = (a: string, b: string) => a < b;

/** The key with the highest count (ties: the smallest key), without sorting. */
export function argmax(counts: Counts): string | undefined {
  let best: string | undefined;
  for (const key in counts) {
    const n = counts[key]!;
    if (best === undefined || n > counts[best]! || (n === counts[best]! && before(key, best))) best = key;
  }
  return best;
}
