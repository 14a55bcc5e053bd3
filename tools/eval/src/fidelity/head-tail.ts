import type { Tokenizer } from '@headroom/core';

const GAP = '\n[...]\n';

/** The longest prefix (or suffix) of `text` within `budget` tokens, by binary search on length. */
function within(text: string, budget: number, t: Tokenizer, fromEnd: boolean): string {
  let lo = 0;
  let hi = text.length;
  const piece = (n: number) => (fromEnd ? text.slice(text.length - n) : text.slice(0, n));
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (t.count(piece(mid)) <= budget) lo = mid;
    else hi = mid - 1;
  }
  return piece(lo);
}

/**
 * The head+tail truncation baseline: the first and last halves of a token budget, joined by a gap
 * line. It is what a compressor must beat at the same size.
 */
export function headTail(text: string, budget: number, t: Tokenizer): string {
  if (t.count(text) <= budget) return text;
  const room = Math.max(0, budget - t.count(GAP));
  const head = within(text, Math.ceil(room / 2), t, false);
  const tail = within(text.slice(head.length), Math.floor(room / 2), t, true);
  return `${head}${GAP}${tail}`;
}
