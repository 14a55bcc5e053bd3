import { describe, expect, it } from 'vitest';
import { normalizeEdits, renderEdits } from './edits.js';
import { SourceLines } from './source-lines.js';

describe('edits', () => {
  it('render kept rows byte for byte around replaced ones, with a trailer and prefixes', () => {
    const src = new SourceLines('a\nb\nc\nd\ne\n');
    const edits = normalizeEdits([
      { from: 3, to: 3, lines: [], kind: 'body' },
      { from: 1, to: 2, lines: ['# [2 lines omitted]'], kind: 'body' },
    ]);
    const out = renderEdits(src, edits, ['# marker']);
    expect(out.text).toBe('a\n# [2 lines omitted]\ne\n# marker\n');
    expect(out.omitted).toBe(3);
    expect(out.spans).toEqual([
      [1, 1],
      [2, 1],
    ]);
    expect(renderEdits(src, edits, [], (row) => `${row + 1}\t`).text).toBe(
      '1\ta\n# [2 lines omitted]\n5\te\n',
    );
  });

  it('drop an edit that overlaps an earlier one and keep CRLF on inserted lines', () => {
    expect(
      normalizeEdits([
        { from: 0, to: 2, lines: [], kind: 'body' },
        { from: 2, to: 3, lines: [], kind: 'body' },
      ]),
    ).toHaveLength(1);
    const src = new SourceLines('a\r\nb\r\nc\r\n');
    expect(renderEdits(src, [{ from: 1, to: 1, lines: ['x'], kind: 'body' }]).text).toBe('a\r\nx\r\nc\r\n');
  });
});
