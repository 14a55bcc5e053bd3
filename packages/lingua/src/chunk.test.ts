import { describe, expect, it } from 'vitest';
import { packChunks } from './chunk.js';

describe('packChunks', () => {
  it('never exceeds the capacity and covers every word once, in order', () => {
    const counts = Array.from({ length: 500 }, (_, i) => 1 + (i % 7));
    const breaks = counts.map((_, i) => (i % 11 === 10 ? 1 : 0));
    const chunks = packChunks(counts, breaks, 40);
    let next = 0;
    for (const c of chunks) {
      expect(c.start).toBe(next);
      expect(c.tokens).toBeLessThanOrEqual(40);
      expect(c.tokens).toBe(counts.slice(c.start, c.end).reduce((a, b) => a + b, 0));
      next = c.end;
    }
    expect(next).toBe(500);
  });

  it('ends a chunk at the last sentence end when that keeps it at least half full', () => {
    const chunks = packChunks([1, 1, 1, 1, 1, 1, 1, 1], [0, 0, 0, 1, 0, 0, 0, 0], 6);
    expect(chunks.map((c) => [c.start, c.end])).toEqual([
      [0, 4],
      [4, 8],
    ]);
    // A break too early (less than half full) is not used.
    const early = packChunks([1, 1, 1, 1, 1, 1, 1, 1], [1, 0, 0, 0, 0, 0, 0, 0], 6);
    expect(early.map((c) => [c.start, c.end])).toEqual([
      [0, 6],
      [6, 8],
    ]);
  });

  it('gives an oversized word a chunk of its own, counted at the capacity', () => {
    const chunks = packChunks([2, 50, 2], [0, 0, 0], 10);
    expect(chunks).toEqual([
      { start: 0, end: 1, tokens: 2 },
      { start: 1, end: 2, tokens: 10 },
      { start: 2, end: 3, tokens: 2 },
    ]);
  });

  it('re-checks the capacity after ending at a sentence break', () => {
    const chunks = packChunks([3, 1, 2, 5], [0, 1, 0, 0], 6);
    for (const c of chunks) expect(c.tokens).toBeLessThanOrEqual(6);
  });
});
