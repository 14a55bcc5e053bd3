import { type Defects, normalizeSegment, segmentDefects } from './normalize.js';
import type { Range } from './protect.js';

/** A range of the original text to replace: `''` removes a statement, a placeholder replaces a value. */
export interface Cut extends Range {
  replacement: string;
}

/**
 * Applies the cuts (sorted, outside protected regions; overlapping cuts merge) and, when asked,
 * normalizes whitespace outside the protected regions, which are copied byte for byte. Also reports
 * the whitespace defects it found there. One pass: each unprotected segment is cut, checked and
 * normalized as it is reached, and the output is joined once.
 */
export function rewriteText(
  text: string,
  protect: readonly Range[],
  cuts: readonly Cut[],
  normalize: boolean,
): { text: string; defects: Defects } {
  const out: string[] = [];
  const defects: Defects = { cr: false, trailing: false, blankRuns: false };
  let pos = 0;
  let ci = 0;
  // Nothing cut and nothing normalized: the text itself is returned, not an equal copy.
  let same = true;
  for (let i = 0; i <= protect.length; i++) {
    const p = protect[i];
    const stop = p === undefined ? text.length : p.start;
    let segment = '';
    let cursor = pos;
    while (ci < cuts.length && cuts[ci]!.start < stop) {
      const cut = cuts[ci++]!;
      segment += text.slice(cursor, Math.max(cursor, cut.start)) + cut.replacement;
      cursor = Math.max(cursor, cut.end);
    }
    if (cursor === pos) segment = text.slice(pos, stop);
    else {
      segment += text.slice(cursor, stop);
      same = false;
    }
    const atEnd = p === undefined;
    const d = segmentDefects(segment, atEnd);
    defects.cr ||= d.cr;
    defects.trailing ||= d.trailing;
    defects.blankRuns ||= d.blankRuns;
    const normalized = normalize ? normalizeSegment(segment, d, i === 0, atEnd) : segment;
    // Normalizing turns CRs into LFs and otherwise only removes characters.
    if (normalized.length !== segment.length || (normalize && d.cr)) same = false;
    out.push(normalized);
    if (p === undefined) break;
    out.push(text.slice(p.start, p.end));
    pos = p.end;
  }
  return { text: same ? text : out.join(''), defects };
}
