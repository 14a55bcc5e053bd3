import { type Defects, normalizeSegment, segmentDefects } from './normalize.js';
import type { Range } from './protect.js';

/** A range of the original text to replace: `''` removes a statement, a placeholder replaces a value. */
export interface Cut extends Range {
  replacement: string;
}

/**
 * Applies the cuts (sorted, outside protected regions; overlapping cuts merge) and, when asked,
 * normalizes whitespace outside the protected regions, which are copied byte for byte. Also reports
 * the whitespace defects it found there.
 */
export function rewriteText(
  text: string,
  protect: readonly Range[],
  cuts: readonly Cut[],
  normalize: boolean,
): { text: string; defects: Defects } {
  const pieces: { text: string; protected: boolean }[] = [];
  let pos = 0;
  let ci = 0;
  const bounds = [...protect, { start: text.length, end: text.length }];
  for (const [i, p] of bounds.entries()) {
    let segment = '';
    let cursor = pos;
    while (ci < cuts.length && cuts[ci]!.start < p.start) {
      const cut = cuts[ci++]!;
      segment += text.slice(cursor, Math.max(cursor, cut.start)) + cut.replacement;
      cursor = Math.max(cursor, cut.end);
    }
    segment += text.slice(cursor, p.start);
    pieces.push({ text: segment, protected: false });
    if (i < protect.length) pieces.push({ text: text.slice(p.start, p.end), protected: true });
    pos = p.end;
  }
  const defects: Defects = { cr: false, trailing: false, blankRuns: false };
  const last = pieces.length - 1;
  const out = pieces.map((p, i) => {
    if (p.protected) return p.text;
    const d = segmentDefects(p.text, i === last);
    defects.cr ||= d.cr;
    defects.trailing ||= d.trailing;
    defects.blankRuns ||= d.blankRuns;
    return normalize ? normalizeSegment(p.text, d, i === 0, i === last) : p.text;
  });
  return { text: out.join(''), defects };
}
