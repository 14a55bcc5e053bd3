import { RawNumber } from '@headroom/core';

/**
 * A cheap stand-in for `valueShapeHash`: equal shapes always give equal signatures, so items whose
 * signatures differ surely differ in shape and need no full hash. It reads each string value's
 * first and last four shape characters (lowercased, digit and space runs as one) instead of all
 * of them, numbers only as "a number", and no keys. Returns `UNUSUAL` for anything `valueShapeHash` would
 * hash from serialized text instead (its shape can then match a plain value's: `NaN` is `null`).
 */
export const UNUSUAL = -1;

/** ASCII code → shape code, as `shapeHash` maps it (digits `0`, letters lowercased). */
const SHAPE_CODE = Uint8Array.from({ length: 128 }, (_, c) =>
  c >= 48 && c <= 57 ? 48 : c >= 65 && c <= 90 ? c + 32 : c,
);
const WINDOW = 4;
const ESCAPED = 0x10001; // a char JSON writes as an escape: the window stops there
const NUMBER = 0x10002;
const TRUE = 0x10003;
const FALSE = 0x10004;
const NULL = 0x10005;
const END = 0x10006;

const PRIME = 0x01000193;
/** Thrown inside the walk for anything unusual. */
const UNUSUAL_VALUE = Symbol('unusual');

/** Shape code of char `c`, or ESCAPED where JSON.stringify escapes it (then the window ends). */
function code(c: number): number {
  if (c < 128) return c < 0x20 || c === 0x22 || c === 0x5c ? ESCAPED : SHAPE_CODE[c]!;
  if (c >= 0xd800 && c <= 0xdfff) return ESCAPED; // surrogates: a pair or a `\u` escape
  return String.fromCharCode(c).toLowerCase().charCodeAt(0); // may be ASCII: `K` (Kelvin) is `k`
}

/**
 * Mixes the first and the last WINDOW shape chars of a string into h. Up to an escaped char, a
 * string's chars are its JSON text's, so equal shapes agree on these windows and on where an
 * escape cuts them.
 */
function mixEnds(h: number, s: string): number {
  const n = s.length;
  let produced = 0;
  let prev = -1;
  for (let j = 0; j < n && produced < WINDOW; j++) {
    const m = code(s.charCodeAt(j));
    if (m === ESCAPED) {
      h = Math.imul(h ^ ESCAPED, PRIME);
      break;
    }
    if ((m === 48 || m === 32) && m === prev) continue;
    prev = m;
    h = Math.imul(h ^ m, PRIME);
    produced++;
  }
  h = Math.imul(h ^ END, PRIME);
  // Backwards, the chars right after a `\uXXXX` escape may read as part of it in the shape
  // (`"\u0001f"` and `"\u001f"` are both `\u0f`): a run of hex-like chars is undone when an escape
  // comes before it, and the window only ends after a char that is not hex-like.
  produced = 0;
  prev = -1;
  let settled = h;
  for (let j = n - 1; j >= 0; j--) {
    const m = code(s.charCodeAt(j));
    if (m === ESCAPED) {
      h = Math.imul(settled ^ ESCAPED, PRIME);
      break;
    }
    if ((m === 48 || m === 32) && m === prev) continue;
    prev = m;
    h = Math.imul(h ^ m, PRIME);
    produced++;
    if (m === 48 || (m >= 97 && m <= 102)) continue;
    settled = h;
    if (produced >= WINDOW) break;
  }
  return Math.imul(h ^ END, PRIME);
}

function mixValue(h: number, v: unknown): number {
  if (typeof v === 'string') return mixEnds(h, v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw UNUSUAL_VALUE;
    return Math.imul(h ^ NUMBER, PRIME);
  }
  if (v instanceof RawNumber) return Math.imul(h ^ NUMBER, PRIME);
  if (v === true) return Math.imul(h ^ TRUE, PRIME);
  if (v === false) return Math.imul(h ^ FALSE, PRIME);
  if (v === null) return Math.imul(h ^ NULL, PRIME);
  if (Array.isArray(v)) {
    h = Math.imul(h ^ 0x5b, PRIME);
    for (let i = 0; i < v.length; i++) h = mixValue(h, v[i]);
    return Math.imul(h ^ 0x5d, PRIME);
  }
  if (
    typeof v === 'object' &&
    typeof (v as { toJSON?: unknown }).toJSON !== 'function' &&
    !(v instanceof String || v instanceof Number || v instanceof Boolean)
  ) {
    // Values only: rows of one array share their keys, so keys would cost without telling apart.
    h = Math.imul(h ^ 0x7b, PRIME);
    for (const key of Object.keys(v)) {
      const x = (v as Record<string, unknown>)[key];
      if (x !== undefined) h = mixValue(h, x);
    }
    return Math.imul(h ^ 0x7d, PRIME);
  }
  throw UNUSUAL_VALUE; // undefined, functions, symbols, bigints, toJSON and boxed values
}

/** The signature of a value's shape (a non-negative int), or UNUSUAL. */
export function shapeSignature(value: unknown): number {
  try {
    return mixValue(0x811c9dc5, value) & 0x3fffffff; // a small int: a cheap Map key
  } catch {
    return UNUSUAL; // also nesting too deep: the full hash decides, as it always did
  }
}
