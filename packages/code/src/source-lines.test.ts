import { describe, expect, it } from 'vitest';
import { SourceLines } from './source-lines.js';

describe('SourceLines', () => {
  it('maps offsets to rows and knows line boundaries', () => {
    const src = new SourceLines('a = 1\n  b = 2;\n\nc\n');
    expect(src.lines).toEqual(['a = 1', '  b = 2;', '', 'c']);
    expect(src.trailingNewline).toBe(true);
    expect([0, 5, 6, 15, 16].map((i) => src.rowOf(i))).toEqual([0, 0, 1, 2, 3]);
    expect(src.lastRowOf(0, 6)).toBe(0);
    expect(src.indentOf(1)).toBe('  ');
    expect(src.startsLine(8)).toBe(true);
    expect(src.startsLine(9)).toBe(false);
    expect(src.endsLine(13)).toBe(false);
    expect(src.endsLine(13, true)).toBe(true);
    expect(src.endsLine(14)).toBe(true);
  });

  it('treats CRLF as line endings and can keep a final empty line', () => {
    const crlf = new SourceLines('x\r\ny\r\n');
    expect(crlf.crlf).toBe(true);
    expect(crlf.endsLine(1)).toBe(true);
    expect(new SourceLines('x\n', false).lines).toEqual(['x', '']);
    expect(new SourceLines('').count).toBe(0);
  });
});
