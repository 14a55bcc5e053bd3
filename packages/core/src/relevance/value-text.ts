import { RawNumber } from '../json/raw-number.js';
import { CHUNK_CHARS, type ChunkedDocs, type JoinedDocs } from './joined-docs.js';

/**
 * The searchable text of a JSON value: its string leaves and number lexemes down to `maxDepth`,
 * never its keys (keys repeat in every item and would drown the signal).
 */
export function valueText(value: unknown, maxDepth = 4): string {
  const parts: string[] = [];
  collect(value, maxDepth, parts, plainForIn());
  return parts.join(' ');
}

/**
 * `valueText` of each value, laid out in chunks of about `CHUNK_CHARS` (document i is
 * `valueText(values[i])`): one join per chunk instead of a string per item, and one native search
 * per term or screen. Within a chunk documents are separated by a space, and an empty one sits
 * where the next begins.
 */
export function valueDocs(values: readonly unknown[], maxDepth = 4, chunkChars = CHUNK_CHARS): ChunkedDocs {
  const n = values.length;
  const forIn = plainForIn();
  const chunks: JoinedDocs[] = [];
  const firsts: number[] = [0];
  let parts: string[] = [];
  let starts = new Uint32Array(n);
  let ends = new Uint32Array(n);
  let first = 0;
  let at = 0;
  const close = (end: number) => {
    chunks.push({
      text: parts.join(' '),
      starts: starts.subarray(0, end - first),
      ends: ends.subarray(0, end - first),
    });
    firsts.push(end);
  };
  for (let i = 0; i < n; i++) {
    if (at >= chunkChars) {
      close(i);
      parts = [];
      starts = starts.subarray(i - first);
      ends = ends.subarray(i - first);
      first = i;
      at = 0;
    }
    const from = parts.length;
    const value = values[i];
    if (forIn && maxDepth > 0 && isPlain(value)) {
      // A row's own values, strings pushed inline: `collect` as it would walk them.
      for (const key in value) {
        const v = (value as Record<string, unknown>)[key];
        if (typeof v === 'string') parts.push(v);
        else collect(v, maxDepth - 1, parts, forIn);
      }
    } else collect(value, maxDepth, parts, forIn);
    starts[i - first] = at;
    // Each part is followed by one space in the join, except the chunk's very last.
    for (let k = from; k < parts.length; k++) at += parts[k]!.length + 1;
    ends[i - first] = parts.length > from ? at - 1 : at;
  }
  close(n);
  return { chunks, firsts: Uint32Array.from(firsts) };
}

/**
 * The same documents lowercased (each equals its own text lowercased: a space breaks the context
 * of final sigma as a string end does). Rebuilt per document when lowercasing changes a length.
 */
export function lowercaseDocs(docs: JoinedDocs): JoinedDocs {
  const text = docs.text.toLowerCase();
  if (text.length === docs.text.length) return { text, starts: docs.starts, ends: docs.ends };
  const n = docs.ends.length;
  const parts: string[] = new Array(n);
  const starts = new Uint32Array(n);
  const ends = new Uint32Array(n);
  let at = 0;
  for (let i = 0; i < n; i++) {
    parts[i] = docs.text.slice(docs.starts[i], docs.ends[i]).toLowerCase();
    starts[i] = at;
    at += parts[i]!.length;
    ends[i] = at;
    at++;
  }
  return { text: parts.join('\n'), starts, ends };
}

/**
 * True when `for…in` over a plain object visits just what `Object.values` does: Object.prototype
 * has no enumerable key (else every object would inherit it).
 */
function plainForIn(): boolean {
  for (const _ in {}) return false;
  return true;
}

/** A plain object (not an array, RawNumber or class instance): `for…in` reads its own values. */
function isPlain(value: unknown): value is object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function collect(value: unknown, depth: number, out: string[], forIn: boolean): void {
  if (typeof value === 'string') out.push(value);
  else if (typeof value === 'number' || typeof value === 'bigint') out.push(String(value));
  else if (value instanceof RawNumber) out.push(value.raw);
  else if (typeof value === 'boolean' || value === null || value === undefined || depth <= 0) return;
  else if (Array.isArray(value)) for (const v of value) collect(v, depth - 1, out, forIn);
  else if (typeof value === 'object') {
    // `for…in` allocates no array (`Object.values` does) and visits the same values here.
    const proto = Object.getPrototypeOf(value);
    if (forIn && (proto === Object.prototype || proto === null)) {
      for (const key in value) collect((value as Record<string, unknown>)[key], depth - 1, out, forIn);
    } else {
      for (const v of Object.values(value)) collect(v, depth - 1, out, forIn);
    }
  }
}
