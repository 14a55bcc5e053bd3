import { createHash } from 'node:crypto';
import { getTokenizer, LruMap } from '@headroom/core';
import type { RequestShape } from '../body/request-shape.js';

/**
 * Whole-request local BPE counts over the raw JSON, with a per-chunk cache (keyed by SHA-1 of the
 * bytes) so a conversation's turn tokenizes only its new messages (proxy.md §5.9).
 */
export class TokenCounter {
  private readonly cache = new LruMap<string, number>({
    maxEntries: 200_000,
    maxBytes: 64 * 1024 * 1024,
    sizeOf: (_v, k) => 2 * k.length + 16,
  });

  count(shape: RequestShape): number {
    const t = getTokenizer(shape.model);
    const { buf } = shape;
    const items = shape.messages?.items ?? [];
    let total = 0;
    let at = 0;
    for (const m of items) {
      total += this.chunk(t, buf, at, m.start) + this.chunk(t, buf, m.start, m.end);
      at = m.end;
    }
    return total + this.chunk(t, buf, at, buf.length);
  }

  countText(model: string | undefined, text: string): number {
    return getTokenizer(model).count(text);
  }

  private chunk(t: { count(s: string): number }, buf: Buffer, start: number, end: number): number {
    if (end <= start) return 0;
    const key = createHash('sha1').update(buf.subarray(start, end)).digest('base64');
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const n = t.count(buf.toString('utf8', start, end));
    this.cache.set(key, n);
    return n;
  }
}
