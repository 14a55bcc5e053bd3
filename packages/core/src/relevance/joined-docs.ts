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

/**
 * Documents laid out in several consecutive `JoinedDocs`: chunk c holds documents `firsts[c]` up
 * to `firsts[c + 1]`, with its own offsets. Building a text of 128 KB or more costs V8 several
 * times as much per char (a large-object allocation, each time), so long batches are split.
 */
export interface ChunkedDocs {
  readonly chunks: readonly JoinedDocs[];
  /** Each chunk's first document, then the document count. */
  readonly firsts: Uint32Array;
}

/** Chars per chunk: below V8's 128 KB large-object size even for two-byte text. */
export const CHUNK_CHARS = 60_000;

/** One chunk holding all of `docs`. */
export function oneChunk(docs: JoinedDocs): ChunkedDocs {
  return { chunks: [docs], firsts: Uint32Array.of(0, docCount(docs)) };
}

/** `texts` joined by `\n` in chunks of about `CHUNK_CHARS`: `joinDocs` for long batches. */
export function chunkTexts(texts: readonly string[], chunkChars = CHUNK_CHARS): ChunkedDocs {
  const chunks: JoinedDocs[] = [];
  const firsts: number[] = [0];
  let from = 0;
  let chars = 0;
  for (let i = 0; i < texts.length; i++) {
    if (chars >= chunkChars) {
      chunks.push(joinDocs(texts.slice(from, i)));
      firsts.push(i);
      from = i;
      chars = 0;
    }
    chars += texts[i]!.length + 1;
  }
  chunks.push(joinDocs(from === 0 ? texts : texts.slice(from)));
  firsts.push(texts.length);
  return { chunks, firsts: Uint32Array.from(firsts) };
}

export const chunkedCount = (docs: ChunkedDocs): number => docs.firsts[docs.firsts.length - 1]!;

/** The chunk holding document i (binary search over `firsts`). */
export function chunkOf(docs: ChunkedDocs, i: number): number {
  const { firsts } = docs;
  let lo = 0;
  let hi = firsts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (firsts[mid]! <= i) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function chunkedDocText(docs: ChunkedDocs, i: number): string {
  const c = chunkOf(docs, i);
  return docText(docs.chunks[c]!, i - docs.firsts[c]!);
}

/** `forEachDocWith` over every chunk in order, with documents numbered across chunks. */
export function forEachChunkedDocWith(
  docs: ChunkedDocs,
  needle: string,
  hit: (doc: number) => boolean,
): void {
  let going = true;
  for (let c = 0; c < docs.chunks.length && going; c++) {
    const base = docs.firsts[c]!;
    forEachDocWith(docs.chunks[c]!, needle, (d) => {
      going = hit(base + d);
      return going;
    });
  }
}
