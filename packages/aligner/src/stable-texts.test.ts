import { contentHash } from '@headroom/core';
import { describe, expect, it } from 'vitest';
import { StableTexts } from './stable-texts.js';

// A string equal to `s` but built anew (not the same heap string).
const copy = (s: string) => [...s].join('');

describe('StableTexts', () => {
  it('hashes a new text, and answers an equal one with the entry already made', () => {
    const known = new StableTexts(8, 1 << 20);
    const first = known.intern('You are terse.\n\nAnswer in French.');
    expect(first.hash).toBe(contentHash(first.text));
    const again = known.intern(copy(first.text));
    expect(again).toBe(first);
  });

  it('never answers a different text of the same length with another hash', () => {
    const known = new StableTexts(8, 1 << 20);
    const a = known.intern('Policy A applies.');
    const b = known.intern('Policy B applies.');
    expect(b.text).toBe('Policy B applies.');
    expect(b.hash).toBe(contentHash('Policy B applies.'));
    expect(b.hash).not.toBe(a.hash);
    // The newer text replaced the older one of its length; the older is hashed again, not mixed up.
    expect(known.intern(copy('Policy A applies.')).hash).toBe(a.hash);
  });

  it('keeps at most its entry and size budgets', () => {
    const known = new StableTexts(2, 1 << 20);
    const a = known.intern('a');
    known.intern('bb');
    known.intern('ccc');
    expect(known.intern('a')).not.toBe(a);
    const small = new StableTexts(8, 4);
    const x = small.intern('xyz');
    small.intern('pqrs');
    expect(small.intern('xyz')).not.toBe(x);
  });
});
