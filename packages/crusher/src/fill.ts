/** Picks `free` of the candidates spread evenly: C[⌊(j + 0.5)·|C|/free⌋]. */
export function stride(candidates: readonly number[], free: number): number[] {
  if (free <= 0 || candidates.length === 0) return [];
  if (free >= candidates.length) return [...candidates];
  // A plain loop: `Array.from` with a callback costs ~7× as much on the 10 KB text path.
  const picked = new Array<number>(free);
  for (let j = 0; j < free; j++) picked[j] = candidates[Math.floor(((j + 0.5) * candidates.length) / free)]!;
  return picked;
}

/**
 * Adds items to `kept` until it holds `k`, taking candidates in the given priority order and
 * skipping exact duplicates of kept items (by compact serialization) when `dedup` is on.
 */
export function fillTo(
  kept: Set<number>,
  k: number,
  ordered: Iterable<number>,
  serialized: (i: number) => string,
  dedup: boolean,
): void {
  if (kept.size >= k) return;
  const seen = dedup ? new Set([...kept].map(serialized)) : undefined;
  for (const i of ordered) {
    if (kept.size >= k) return;
    if (kept.has(i)) continue;
    if (seen) {
      const s = serialized(i);
      if (seen.has(s)) continue;
      seen.add(s);
    }
    kept.add(i);
  }
}
