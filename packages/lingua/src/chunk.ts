/** A run of consecutive words that goes through the model as one sequence. */
export interface Chunk {
  /** First word index. */
  start: number;
  /** One past the last word index. */
  end: number;
  /** Model tokens in the chunk, without special tokens. */
  tokens: number;
}

/**
 * Packs consecutive words into chunks of at most `capacity` model tokens, never splitting a word.
 * A full chunk ends at its last sentence end or line break when that keeps it at least half full,
 * so the model sees whole sentences. A word longer than `capacity` gets a chunk of its own (the
 * scorer reads only its first `capacity` tokens).
 */
export function packChunks(
  counts: ArrayLike<number>,
  breakAfter: ArrayLike<number>,
  capacity: number,
): Chunk[] {
  const chunks: Chunk[] = [];
  const n = counts.length;
  let start = 0;
  let tokens = 0;
  let lastBreak = -1;
  let tokensAtBreak = 0;
  const close = (end: number, size: number) => {
    chunks.push({ start, end, tokens: size });
    start = end;
  };
  for (let i = 0; i < n; i++) {
    const c = Math.min(counts[i]!, capacity);
    while (tokens + c > capacity && i > start) {
      if (lastBreak >= start && tokensAtBreak * 2 >= capacity) {
        close(lastBreak + 1, tokensAtBreak);
        tokens -= tokensAtBreak;
      } else {
        close(i, tokens);
        tokens = 0;
      }
      lastBreak = -1;
    }
    tokens += c;
    if (breakAfter[i]) {
      lastBreak = i;
      tokensAtBreak = tokens;
    }
  }
  if (start < n) close(n, tokens);
  return chunks;
}
