import type { CcrStore } from '@headroom/core';

export interface NeedleCount {
  kept: number;
  recoverable: number;
  lost: number;
}

/**
 * Kept: the needle is in the output. Recoverable: only in an original stored under one of the
 * result's CCR hashes. Lost: neither.
 */
export async function countNeedles(
  needles: readonly string[],
  compressed: string,
  hashes: readonly string[],
  store: CcrStore,
): Promise<NeedleCount> {
  const originals: string[] = [];
  for (const hash of hashes) {
    const entry = await store.get(hash);
    if (entry) originals.push(entry.original);
  }
  const count: NeedleCount = { kept: 0, recoverable: 0, lost: 0 };
  for (const needle of needles) {
    if (compressed.includes(needle)) count.kept++;
    else if (originals.some((o) => o.includes(needle))) count.recoverable++;
    else count.lost++;
  }
  return count;
}
