import { describe, expect, it } from 'vitest';
import { rebuild } from './reconstruct.js';
import { segment } from './segment.js';

const keepOnly = (text: string, kept: string[]) => {
  const seg = segment(text, false);
  return rebuild(
    seg,
    seg.words.map((w) => (kept.includes(w) ? 1 : 0)),
  );
};

describe('rebuild', () => {
  it('joins kept neighbours with their own separator', () => {
    expect(keepOnly('alpha beta  gamma', ['alpha', 'beta', 'gamma'])).toBe('alpha beta  gamma');
  });

  it('uses the strongest separator of a dropped run: blank line > newline > space', () => {
    expect(keepOnly('a x y b', ['a', 'b'])).toBe('a b');
    expect(keepOnly('a x\ny b', ['a', 'b'])).toBe('a\nb');
    expect(keepOnly('a x\n\ny\nz b', ['a', 'b'])).toBe('a\n\nb');
  });

  it('keeps the indentation of the later line on ties', () => {
    expect(keepOnly('def f:\n    y = 1\n    return x', ['f:', 'return', 'x'])).toBe('f:\n    return x');
  });

  it('keeps leading and trailing whitespace of the text', () => {
    expect(keepOnly('  lead drop tail\n', ['lead', 'tail'])).toBe('  lead tail\n');
    expect(keepOnly('  lead drop tail\n', ['lead'])).toBe('  lead\n');
    expect(keepOnly(' a b ', [])).toBe(' ');
  });
});
