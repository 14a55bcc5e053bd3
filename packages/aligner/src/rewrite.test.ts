import { describe, expect, it } from 'vitest';
import { normalizeSegment, segmentDefects } from './normalize.js';
import { protectedRanges } from './protect.js';
import { rewriteText } from './rewrite.js';

describe('rewriteText', () => {
  it('normalizes outside protected regions only', () => {
    const text = '  a  \r\n\r\n\r\n\r\nb\t\n```\nkeep   \r\n\n\n\nthis\n```\nc  `x  ` d   \n\n\n';
    expect(rewriteText(text, protectedRanges(text), [], true)).toEqual({
      text: 'a\n\nb\n```\nkeep   \r\n\n\n\nthis\n```\nc  `x  ` d',
      defects: { cr: true, trailing: true, blankRuns: true },
    });
  });

  it('merges overlapping cuts and applies replacements', () => {
    const text = 'a\nDate: 1\nTime: 2';
    const cuts = [
      { start: 2, end: 10, replacement: '' },
      { start: 9, end: 17, replacement: '' },
    ];
    expect(rewriteText(text, [], cuts, true).text).toBe('a');
    expect(rewriteText('x 123 y', [], [{ start: 2, end: 5, replacement: '[dynamic-1]' }], false).text).toBe(
      'x [dynamic-1] y',
    );
  });

  it('keeps blanks that sit on a line with protected text', () => {
    expect(normalizeSegment('a   ', segmentDefects('a   ', false), true, false)).toBe('a   ');
    expect(normalizeSegment('   b', segmentDefects('   b', true), false, true)).toBe('   b');
  });

  it('reports whitespace defects', () => {
    expect(segmentDefects('a\r\nb', true)).toEqual({ cr: true, trailing: false, blankRuns: false });
    expect(segmentDefects('a \nb\n\n\nc', true)).toEqual({ cr: false, trailing: true, blankRuns: true });
    expect(segmentDefects('a \r\nb', false).trailing).toBe(true);
    expect(segmentDefects('a  ', false).trailing).toBe(false);
    expect(segmentDefects('a  ', true).trailing).toBe(true);
  });

  it('returns the text itself when nothing is cut or normalized, and a lone CR still becomes LF', () => {
    const text = 'a\n\nb `c  ` d\n```\nx  \n```\ne';
    expect(rewriteText(text, protectedRanges(text), [], true)).toEqual({
      text,
      defects: { cr: false, trailing: false, blankRuns: false },
    });
    // Same length after normalizing, yet changed.
    expect(rewriteText('a\rb', [], [], true).text).toBe('a\nb');
    expect(rewriteText('a\rb', [], [], false).text).toBe('a\rb');
  });

  it('reports what the text holds without normalizing when asked not to', () => {
    expect(rewriteText('a  \n\n\nb', [], [], false)).toEqual({
      text: 'a  \n\n\nb',
      defects: { cr: false, trailing: true, blankRuns: true },
    });
  });
});
