import { RawNumber, stringifyCompact } from '@headroom/core';

/** ASCII code → the code a shape hashes: digits as `0`, whitespace as a space, letters lowercased. */
const SHAPE_CODE = Uint8Array.from({ length: 128 }, (_, c) =>
  c >= 48 && c <= 57
    ? 48
    : c === 32 || c === 9 || c === 10 || c === 13
      ? 32
      : c >= 65 && c <= 90
        ? c + 32
        : c,
);

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * FNV-1a hash of a string's shape: lowercased, digit runs as one `0`, whitespace runs as one
 * space. Computed in one pass without building the normalized string.
 */
export function shapeHash(s: string): number {
  let h = FNV_OFFSET;
  let prev = -1;
  for (let i = 0; i < s.length; i++) {
    const raw = s.charCodeAt(i);
    const c = raw < 128 ? SHAPE_CODE[raw]! : s[i]!.toLowerCase().charCodeAt(0);
    if ((c === 48 || c === 32) && c === prev) continue;
    prev = c;
    h = Math.imul(h ^ c, FNV_PRIME);
  }
  return h; // int32, not `>>> 0`: a small integer is a cheaper Set key than a heap number
}

/** Thrown inside the walk for anything `JSON.stringify` treats specially: hash its text instead. */
const UNUSUAL = Symbol('unusual');

/** The running hash of one walk (module state: one walk at a time, no allocation per char). */
let hash = FNV_OFFSET;
let previous = -1;

function feed(raw: number): void {
  const c = raw < 128 ? SHAPE_CODE[raw]! : String.fromCharCode(raw).toLowerCase().charCodeAt(0);
  if ((c === 48 || c === 32) && c === previous) return;
  previous = c;
  hash = Math.imul(hash ^ c, FNV_PRIME);
}

function feedText(s: string): void {
  for (let i = 0; i < s.length; i++) feed(s.charCodeAt(i));
}

const HEX = '0123456789abcdef';

function feedEscape(unit: number): void {
  feed(0x5c);
  feed(0x75); // \u plus four lowercase hex digits, as JSON.stringify writes them
  for (let shift = 12; shift >= 0; shift -= 4) feed(HEX.charCodeAt((unit >> shift) & 0xf));
}

/** A string as `JSON.stringify` writes it: quotes, escapes, lone surrogates as `\uXXXX`. */
function feedString(s: string): void {
  feed(0x22);
  // The common characters hash in locals; escapes go through `feed` (module state) and back.
  let h = hash;
  let prev = previous;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0xd800 && c !== 0x22 && c !== 0x5c) {
      const m = c < 128 ? SHAPE_CODE[c]! : String.fromCharCode(c).toLowerCase().charCodeAt(0);
      if ((m === 48 || m === 32) && m === prev) continue;
      prev = m;
      h = Math.imul(h ^ m, FNV_PRIME);
      continue;
    }
    hash = h;
    previous = prev;
    if (c === 0x22 || c === 0x5c) {
      feed(0x5c);
      feed(c);
    } else if (c < 0x20) {
      const short = c === 8 ? 0x62 : c === 9 ? 0x74 : c === 10 ? 0x6e : c === 12 ? 0x66 : c === 13 ? 0x72 : 0;
      if (short) {
        feed(0x5c);
        feed(short);
      } else feedEscape(c);
    } else if (c > 0xdfff) {
      feed(c);
    } else if (
      c <= 0xdbff &&
      i + 1 < s.length &&
      s.charCodeAt(i + 1) >= 0xdc00 &&
      s.charCodeAt(i + 1) <= 0xdfff
    ) {
      feed(c);
      feed(s.charCodeAt(++i));
    } else {
      feedEscape(c); // a lone surrogate
    }
    h = hash;
    prev = previous;
  }
  hash = h;
  previous = prev;
  feed(0x22);
}

function feedNumber(n: number): void {
  if (!Number.isFinite(n)) throw UNUSUAL;
  if (Number.isSafeInteger(n)) {
    // Every digit run hashes as one `0`: no need to print the digits.
    if (n < 0) feed(0x2d);
    feed(0x30);
  } else feedText(String(n));
}

function feedValue(v: unknown, exact: boolean): void {
  if (typeof v === 'string') feedString(v);
  else if (typeof v === 'number') feedNumber(v);
  else if (v === true) feedText('true');
  else if (v === false) feedText('false');
  else if (v === null) feedText('null');
  else if (v instanceof RawNumber) {
    if (!exact) throw UNUSUAL;
    feedText(v.raw);
  } else if (Array.isArray(v)) {
    feed(0x5b);
    for (let i = 0; i < v.length; i++) {
      if (i > 0) feed(0x2c);
      feedValue(v[i], exact);
    }
    feed(0x5d);
  } else if (
    typeof v === 'object' &&
    typeof (v as { toJSON?: unknown }).toJSON !== 'function' &&
    !(v instanceof String || v instanceof Number || v instanceof Boolean)
  ) {
    feed(0x7b);
    let first = true;
    for (const key of Object.keys(v)) {
      const x = (v as Record<string, unknown>)[key];
      if (x === undefined) continue;
      if (!first) feed(0x2c);
      first = false;
      feedString(key);
      feed(0x3a);
      feedValue(x, exact);
    }
    feed(0x7d);
  } else {
    throw UNUSUAL; // undefined, functions, symbols, bigints, toJSON and boxed values
  }
}

/**
 * `shapeHash` of a value's compact JSON (`stringifyCompact` when `exact`, else `JSON.stringify`),
 * computed by walking the value: no string is built, so the adaptive-k sample need not be
 * serialized. Anything unusual falls back to hashing the serialized text.
 */
export function valueShapeHash(value: unknown, exact: boolean): number {
  hash = FNV_OFFSET;
  previous = -1;
  try {
    feedValue(value, exact);
    return hash;
  } catch {
    // UNUSUAL, or nesting too deep for the walk: the text decides (and fails as it always did).
    return shapeHash(exact ? stringifyCompact(value) : (JSON.stringify(value) ?? 'null'));
  }
}
