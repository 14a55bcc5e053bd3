const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Digits, `-`, `+`, `.`, `e`, `E`: the characters a number lexeme is made of. */
function isNumberChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x65 || c === 0x45;
}

/**
 * True for the common lexemes `String(Number(x))` surely reproduces, decided without building a
 * string: at most 15 digits (a double holds any 15-digit decimal and prints it back shortest), no
 * exponent, no trailing zero after the point, not `-0`, and not below 1e-6 (`0.0000001` prints as
 * `1e-7`). Anything else gets the exact check.
 */
function plainNumber(text: string, start: number, end: number): boolean {
  const negative = text.charCodeAt(start) === 0x2d;
  let i = negative ? start + 1 : start;
  if (i >= end) return false;
  if (text.charCodeAt(i) === 0x30) {
    if (i + 1 === end) return !negative; // `0`, but not `-0`
    if (text.charCodeAt(i + 1) !== 0x2e) return false;
    let zeros = 0;
    while (i + 2 + zeros < end && text.charCodeAt(i + 2 + zeros) === 0x30) zeros++;
    if (zeros >= 6) return false;
  }
  let digits = 0;
  let dot = false;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) digits++;
    else if (c === 0x2e && !dot) dot = true;
    else return false;
  }
  const last = text.charCodeAt(end - 1);
  return digits <= 15 && last !== 0x2e && !(dot && last === 0x30);
}

/** Index of the quote closing the string opened at `open`, or -1 when it is unterminated. */
function stringEnd(text: string, open: number): number {
  // Native search beat a per-char loop even for short keys.
  let end = text.indexOf('"', open + 1);
  while (end >= 0) {
    // Escaped when an odd run of backslashes precedes it (all inside this string).
    let slashes = 0;
    while (text.charCodeAt(end - 1 - slashes) === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
  return -1;
}

/**
 * Every risky lexeme holds a digit followed by `.`, `e` or `E` (fraction, exponent), 16 digits in a
 * row, or `-0` where a number token can start. A text without any (strings included) has no risky
 * number: integer-only payloads (ids, counts, status codes) skip the token scan, one native pass.
 */
const FRACTION_OR_EXPONENT = /\d[.eE]/;
const NEGATIVE_ZERO = /(?:^|[\s:,[])-0/;
const SIXTEEN_DIGITS = /\d{16}/;

/**
 * Below this the screen is not worth its fixed cost, and on texts of long strings (where the token
 * scan skips fast) it costs about what it saves; on token-dense ones (rows of ids, counts and short
 * strings) it is 4× cheaper than the scan.
 */
const SCREEN_MIN_LENGTH = 16 * 1024;

/** Three separate patterns, slowest last: one alternation is slower than all three. */
function mayBeRisky(text: string): boolean {
  return FRACTION_OR_EXPONENT.test(text) || NEGATIVE_ZERO.test(text) || SIXTEEN_DIGITS.test(text);
}

/**
 * Offsets `[start, end, start, end, …]` of the number tokens of a JSON text whose lexeme
 * `String(Number(lexeme))` does not reproduce (`1.0`, `1e5`, `-0`, `12345678901234567890`), at
 * most `limit` of them. Strings are skipped with native `indexOf`, so digits in string values
 * (UUIDs, versions, timestamps) never count: only number tokens are checked, each exactly.
 * Invalid text may answer anything; the parser then rejects it.
 */
export function riskyNumberSpans(text: string, limit = Number.POSITIVE_INFINITY): number[] {
  if (text.length >= SCREEN_MIN_LENGTH && !mayBeRisky(text)) return [];
  const spans: number[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      if (end < 0) break;
      i = end + 1;
    } else if ((c >= 0x30 && c <= 0x39) || c === 0x2d) {
      const start = i;
      while (i < n && isNumberChar(text.charCodeAt(i))) i++;
      if (!plainNumber(text, start, i)) {
        const lexeme = text.slice(start, i);
        if (String(Number(lexeme)) !== lexeme) {
          spans.push(start, i);
          if (spans.length / 2 >= limit) break;
        }
      }
    } else {
      i++;
    }
  }
  return spans;
}

/** True when some number token has a lexeme a double does not reproduce (see `riskyNumberSpans`). */
export function hasRiskyNumber(text: string): boolean {
  return riskyNumberSpans(text, 1).length > 0;
}
