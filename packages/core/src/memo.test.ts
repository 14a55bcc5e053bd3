import { describe, expect, it } from 'vitest';
import { contentHash } from './hash.js';
import { MemoCache } from './memo.js';

describe('MemoCache', () => {
  it('keys by content and strategy, not by query', () => {
    const memo = new MemoCache();
    const key = MemoCache.key('tool output', 'fp1');
    expect(key).toBe(`${contentHash('tool output')}:fp1`);
    memo.set(key, { compressed: 'small', ccrHashes: ['h'], strategy: 'smart-crusher' });
    expect(memo.get(key)).toEqual({ compressed: 'small', ccrHashes: ['h'], strategy: 'smart-crusher' });
    expect(memo.get(MemoCache.key('tool output', 'fp2'))).toBeUndefined();
  });

  it('slides its TTL and evicts by bytes', () => {
    let t = 0;
    const memo = new MemoCache({ ttlSeconds: 10, maxBytes: 1000 }, { now: () => t });
    memo.set('a', { compressed: 'x', ccrHashes: [], strategy: 's' });
    t = 9_000;
    expect(memo.get('a')).toBeDefined();
    t = 18_000;
    expect(memo.get('a')).toBeDefined();
    t = 28_000;
    expect(memo.get('a')).toBeUndefined();
    memo.set('big1', { compressed: 'y'.repeat(300), ccrHashes: [], strategy: 's' });
    memo.set('big2', { compressed: 'y'.repeat(300), ccrHashes: [], strategy: 's' });
    expect(memo.get('big1')).toBeUndefined();
    expect(memo.size).toBe(1);
  });
});
