/**
 * A batch of documents laid out in one string: document `i` is `text.slice(starts[i], ends[i])`,
 * in order and not overlapping, with anything (separators, grep prefixes) in the gaps. A whole
 * text and its line offsets is one without a copy per line; relevance code searches `text` once
 * per term instead of once per document.
 */
export interface JoinedDocs {
  readonly text: string;
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;
}

/** `texts` joined by `\n`: the layout of any array of documents. */
export function joinDocs(texts: readonly string[]): JoinedDocs {
  const n = texts.length;
  const starts = new Uint32Array(n);
  const ends = new Uint32Array(n);
  let at = 0;
  for (let i = 0; i < n; i++) {
    starts[i] = at;
    at += texts[i]!.length;
    ends[i] = at;
    at++;
  }
  return { text: texts.join('\n'), starts, ends };
}

/**
 * The lines of `text` as documents, from `lineStarts` (each line's offset plus the end, one past
 * the last line ending) and the length of the line ending.
 */
export function lineDocs(text: string, lineStarts: ArrayLike<number>, eolLength: number): JoinedDocs {
  const n = Math.max(0, lineStarts.length - 1);
  const starts = new Uint32Array(n);
  const ends = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    starts[i] = lineStarts[i]!;
    ends[i] = lineStarts[i + 1]! - eolLength;
  }
  return { text, starts, ends };
}

export const docCount = (docs: JoinedDocs): number => docs.ends.length;

export const docText = (docs: JoinedDocs, i: number): string => docs.text.slice(docs.starts[i], docs.ends[i]);

/**
 * Calls `hit(doc)` once for each document holding `needle` (in document order), from one native
 * search of the whole text; stops when `hit` returns false.
 */
export function forEachDocWith(docs: JoinedDocs, needle: string, hit: (doc: number) => boolean): void {
  const { text, starts, ends } = docs;
  const n = ends.length;
  const len = needle.length;
  if (len === 0) {
    // Every document holds the empty string (and `indexOf('')` would never end the search).
    for (let i = 0; i < n; i++) if (!hit(i)) return;
    return;
  }
  let doc = 0;
  for (let p = text.indexOf(needle); p >= 0 && doc < n; p = text.indexOf(needle, p + 1)) {
    // The first document that could still hold a match ending at p + len.
    while (doc < n && ends[doc]! < p + len) doc++;
    if (doc === n) return;
    if (p < starts[doc]!) continue;
    if (!hit(doc)) return;
    // One call per document: search again from its end.
    p = Math.max(p, ends[doc]! - len);
    doc++;
  }
}
