import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { overlapsAny, protectedRanges } from './protect.js';

const texts = (text: string) => protectedRanges(text).map((r) => text.slice(r.start, r.end));

describe('protectedRanges', () => {
  it('protects fenced blocks to the matching fence', () => {
    const text = 'a\n```ts\nx = 1\n~~~\n```\nb\n~~~~\ny\n~~~~\nc';
    expect(texts(text)).toEqual(['```ts\nx = 1\n~~~\n```', '~~~~\ny\n~~~~']);
  });

  it('protects an unclosed fence to the end of the text', () => {
    expect(texts('a\n```\nDate: 2025-01-07\n')).toEqual(['```\nDate: 2025-01-07\n']);
  });

  it('takes a backtick run with a backtick after it on the line for inline code', () => {
    expect(texts('```a``` and `b` and ``c ` d``')).toEqual(['```a```', '`b`', '``c ` d``']);
  });

  it('treats an unmatched backtick as text, and inline code never spans lines', () => {
    expect(texts("don't ` here\nand ` there")).toEqual([]);
  });

  it('protects URLs up to the next blank', () => {
    expect(texts('see https://x.test/2025/01/07/post?a=1 and http://y.test.')).toEqual([
      'https://x.test/2025/01/07/post?a=1',
      'http://y.test.',
    ]);
  });

  it('finds exactly the URLs a word-bounded scheme regex finds (no code in the text)', () => {
    const unit = fc.constantFrom('http', 'https', 's', '://', ':', '/', 'x', '_', '1', ' ', '.', '\n', 'h');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 24 }), (parts) => {
        const text = parts.join('');
        const expected = [...text.matchAll(/\bhttps?:\/\/\S+/g)].map((m) => m[0]);
        expect(texts(text)).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('handles CRLF fences', () => {
    expect(texts('a\r\n```\r\nx\r\n```\r\nb')).toEqual(['```\r\nx\r\n```']);
  });

  it('answers overlap queries on sorted ranges', () => {
    const ranges = [
      { start: 2, end: 4 },
      { start: 10, end: 12 },
    ];
    expect(overlapsAny(ranges, 0, 2)).toBe(false);
    expect(overlapsAny(ranges, 3, 5)).toBe(true);
    expect(overlapsAny(ranges, 4, 10)).toBe(false);
    expect(overlapsAny(ranges, 11, 30)).toBe(true);
  });
});
