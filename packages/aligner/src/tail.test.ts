import { describe, expect, it } from 'vitest';
import { appendTail, hasAlignerTail, highestPlaceholder, splitTail, standaloneTail } from './tail.js';

const f = { tailSeparator: '\n\n---\n', tailHeader: '[Dynamic Context]' };

describe('tail', () => {
  it('round-trips through append and split', () => {
    const text = appendTail('Be brief.', ['Today is January 7, 2025.', '[dynamic-2] abc'], f);
    expect(text).toBe('Be brief.\n\n---\n[Dynamic Context]\nToday is January 7, 2025.\n[dynamic-2] abc');
    expect(splitTail(text, f)).toEqual({
      body: 'Be brief.',
      lines: ['Today is January 7, 2025.', '[dynamic-2] abc'],
    });
    expect(highestPlaceholder([text])).toBe(2);
  });

  it('splits at the first header that follows the separator', () => {
    const text = '[Dynamic Context] is quoted here.\n\n---\n[Dynamic Context]\nToday is January 7, 2025.';
    expect(splitTail(text, f)).toEqual({
      body: '[Dynamic Context] is quoted here.',
      lines: ['Today is January 7, 2025.'],
    });
    expect(splitTail('[Dynamic Context]\nx', f)).toEqual({ body: '[Dynamic Context]\nx', lines: [] });
    // Overlapping candidates, and configs without a header or a separator.
    expect(splitTail('xaaab\nl1', { tailSeparator: 'a', tailHeader: 'aa' }).body).toBe('x');
    expect(splitTail('a\n--\nb\nc', { tailSeparator: '\n--\n', tailHeader: '' })).toEqual({
      body: 'a',
      lines: ['b', 'c'],
    });
    expect(splitTail('a CTX b', { tailSeparator: '', tailHeader: 'CTX' })).toEqual({
      body: 'a ',
      lines: [' b'],
    });
  });

  it('recognizes tails appended to a text and tails of their own, for other transforms', () => {
    expect(hasAlignerTail(appendTail('x', ['a'], f), f)).toBe(true);
    expect(hasAlignerTail(standaloneTail(['a'], f), f)).toBe(true);
    expect(hasAlignerTail('No [Dynamic Context] here', f)).toBe(false);
    expect(hasAlignerTail('Hi\n\n---\n[Dynamic Context]\nToday is January 7, 2025.')).toBe(true);
    expect(hasAlignerTail('Hi\n\n<dyn>\nx', { tailSeparator: '\n\n', tailHeader: '<dyn>' })).toBe(true);
  });
});
