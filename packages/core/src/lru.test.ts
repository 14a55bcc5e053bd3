import { describe, expect, it } from 'vitest';
import { LruMap } from './lru.js';

describe('LruMap', () => {
  it('evicts the least recently used entry by count and by bytes', () => {
    const evicted: string[] = [];
    const lru = new LruMap<string, string>({
      maxEntries: 2,
      maxBytes: 10,
      sizeOf: (v) => v.length,
      onEvict: (k) => evicted.push(k),
    });
    lru.set('a', '1234');
    lru.set('b', '1234');
    lru.get('a');
    lru.set('c', '12');
    expect(evicted).toEqual(['b']);
    lru.set('d', '123456789');
    expect([...lru.keys()]).toEqual(['d']);
    expect(lru.bytes).toBe(9);
    expect(lru.peek('d')).toBe('123456789');
  });
});
