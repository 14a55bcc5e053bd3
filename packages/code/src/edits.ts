import type { SourceLines } from './source-lines.js';

export type EditKind = 'body' | 'docstring' | 'comments' | 'imports' | 'type' | 'decorators' | 'collapse';

/** Replaces input rows `from..to` (inclusive) with `lines` (ours, never copied from the input). */
export interface LineEdit {
  from: number;
  to: number;
  lines: string[];
  kind: EditKind;
  /** The function whose body an edit elides, for the marker's summary. */
  owner?: string;
}

export interface Rendered {
  text: string;
  /** Input rows replaced by our lines (the marker's `omitted`). */
  omitted: number;
  /** For each edit, the output rows its lines occupy: `[first, last]`, `last < first` when none. */
  spans: [number, number][];
}

/** Sorts edits by row and drops any that overlaps an earlier one (planning never should). */
export function normalizeEdits(edits: readonly LineEdit[]): LineEdit[] {
  const sorted = [...edits].sort((a, b) => a.from - b.from || b.to - a.to);
  const out: LineEdit[] = [];
  let lastTo = -1;
  for (const e of sorted) {
    if (e.from <= lastTo || e.to < e.from) continue;
    out.push(e);
    lastTo = e.to;
  }
  return out;
}

/**
 * Applies sorted, non-overlapping edits. Kept rows are byte-identical to the input (after the
 * optional per-row prefix, which restores line numbers); our lines get the input's line ending.
 */
export function renderEdits(
  src: SourceLines,
  edits: readonly LineEdit[],
  trailer: string[] = [],
  prefixOf?: (row: number) => string,
): Rendered {
  const out: string[] = [];
  const spans: [number, number][] = [];
  const cr = src.crlf ? '\r' : '';
  let row = 0;
  let omitted = 0;
  const keepUntil = (end: number) => {
    for (; row < end; row++) out.push(prefixOf ? prefixOf(row) + src.lines[row]! : src.lines[row]!);
  };
  for (const e of edits) {
    keepUntil(e.from);
    const first = out.length;
    for (const line of e.lines) out.push(line + cr);
    spans.push([first, out.length - 1]);
    omitted += e.to - e.from + 1;
    row = e.to + 1;
  }
  keepUntil(src.count);
  for (const line of trailer) out.push(line + cr);
  const text = out.join('\n') + (src.trailingNewline ? '\n' : '');
  return { text, omitted, spans };
}
