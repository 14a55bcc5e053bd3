import { BLANK, CHAR_CLASS, DIGIT, ESC, HEX, HEX_RUN, QUOTE, WORD } from './char-class.js';
import { CLASSIFY_CHARS } from './lines.js';

/**
 * Per char: the code it hashes as outside quotes, ANSI codes and hex ids (digits `0`, blanks a
 * space) in the low 16 bits, its CHAR_CLASS bits above: one table read per char.
 */
const PLAIN = new Int32Array(65536);
for (let c = 0; c < 65536; c++) {
  const cls = CHAR_CLASS[c]!;
  PLAIN[c] = ((cls & DIGIT) !== 0 ? 48 : (cls & BLANK) !== 0 ? 32 : c) | (cls << 16);
}
const QUOTE_OR_ESC = (QUOTE | ESC) << 16;
const RUN_OR_WORD = (HEX_RUN | WORD) << 16;
const IN_RUN = HEX_RUN << 16;
const FOLDED = (DIGIT | BLANK) << 16;

/**
 * A numeric key for the template of the line `text[start, end)`, read in place (no substring) in
 * one charCode pass over its first 2,000 chars: digit runs count as one `0`, whitespace runs as
 * one space, a quoted string as its quote char, ANSI codes as nothing, and a hex id or UUID (≥ 8 hex chars or
 * dashes with a digit, starting and ending at a word boundary) as one `0`. Lines with equal keys
 * are repeats of one template (two 32-bit FNV variants: collisions are negligible at log sizes).
 * `templateOf` renders a readable template when one is shown.
 *
 * Most lines hold no quote, no ANSI code and no run of ≥ 8 hex chars or dashes that ends at a
 * word boundary (a date followed by `T…` does not): for those only the digit and blank runs need
 * folding, done here in one flat loop over one table (≈ 1.5× faster on log lines than the exact
 * scan's branches per char class). A line with any of them is keyed again by `templateKeyExact`,
 * which this equals.
 */
export function templateKeyAt(text: string, start: number, end: number): number {
  const n = end - start < CLASSIFY_CHARS ? end : start + CLASSIFY_CHARS;
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  let prev = -1;
  let run = 0; // length of the run of hex chars and dashes ending before `i`
  for (let i = start; i < n; i++) {
    const plain = PLAIN[text.charCodeAt(i)]!;
    if ((plain & QUOTE_OR_ESC) !== 0 || (run >= 8 && (plain & RUN_OR_WORD) === 0))
      return templateKeyExact(text, start, end);
    run = (plain & IN_RUN) !== 0 ? run + 1 : 0;
    const code = plain & 0xffff;
    if (code === prev && (plain & FOLDED) !== 0) continue;
    prev = code;
    h1 = Math.imul(h1 ^ code, 0x01000193);
    h2 = Math.imul(h2 ^ code, 0x5bd1e995);
  }
  if (run >= 8) return templateKeyExact(text, start, end);
  return (h1 >>> 0) * 0x200000 + ((h2 >>> 0) & 0x1fffff);
}

/** `templateKeyAt` for any line: hex ids, quoted strings and ANSI codes included. */
export function templateKeyExact(text: string, start: number, end: number): number {
  const n = end - start < CLASSIFY_CHARS ? end : start + CLASSIFY_CHARS;
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  let prev = -1;
  // A quote without a partner before `n`: no later quote of its kind has one either.
  let noDoubleAfter = start;
  let noSingleAfter = start;
  let i = start;
  while (i < n) {
    let c = text.charCodeAt(i);
    let cls = CHAR_CLASS[c]!;
    if ((cls & WORD) !== 0) {
      if ((cls & HEX) !== 0 && (i === start || (CHAR_CLASS[text.charCodeAt(i - 1)]! & WORD) === 0)) {
        // Maybe a hex id: hash the run as plain text while measuring it, and take that back if
        // the run is one variable after all (each char is read once).
        const s1 = h1;
        const s2 = h2;
        const sp = prev;
        let digit = false;
        let j = i;
        for (; j < n; j++) {
          let d = text.charCodeAt(j);
          const k = CHAR_CLASS[d]!;
          if ((k & DIGIT) !== 0) {
            digit = true;
            if (prev === 48) continue;
            d = 48;
          } else if ((k & HEX) === 0 && d !== 45) break;
          prev = d;
          h1 = Math.imul(h1 ^ d, 0x01000193);
          h2 = Math.imul(h2 ^ d, 0x5bd1e995);
        }
        if (j - i >= 8 && digit && (j >= n || (CHAR_CLASS[text.charCodeAt(j)]! & WORD) === 0)) {
          h1 = s1;
          h2 = s2;
          prev = sp;
          if (prev !== 48) {
            prev = 48;
            h1 = Math.imul(h1 ^ 48, 0x01000193);
            h2 = Math.imul(h2 ^ 48, 0x5bd1e995);
          }
        }
        i = j;
        continue;
      }
      // The rest of the word: letters hash as they are, digit runs as one `0`.
      do {
        if ((cls & DIGIT) === 0) {
          prev = c;
          h1 = Math.imul(h1 ^ c, 0x01000193);
          h2 = Math.imul(h2 ^ c, 0x5bd1e995);
        } else if (prev !== 48) {
          prev = 48;
          h1 = Math.imul(h1 ^ 48, 0x01000193);
          h2 = Math.imul(h2 ^ 48, 0x5bd1e995);
        }
        if (++i >= n) break;
        c = text.charCodeAt(i);
        cls = CHAR_CLASS[c]!;
      } while ((cls & WORD) !== 0);
      continue;
    }
    if ((cls & BLANK) !== 0) {
      i++;
      if (prev === 32) continue;
      c = 32;
    } else if ((cls & ESC) !== 0) {
      // CSI sequence: ESC [ parameters… final byte in @..~
      if (text.charCodeAt(i + 1) === 91) {
        i += 2;
        while (i < n && (text.charCodeAt(i) < 64 || text.charCodeAt(i) > 126)) i++;
      }
      i++;
      continue;
    } else if ((cls & QUOTE) !== 0 && i >= (c === 34 ? noDoubleAfter : noSingleAfter)) {
      // A quoted string hashes as its opening quote. Searched within the line only: an indexOf on
      // the flat text could run far past it.
      let close = i + 1;
      while (close < n && text.charCodeAt(close) !== c) close++;
      if (close === n) {
        if (c === 34) noDoubleAfter = n;
        else noSingleAfter = n;
        i++;
      } else i = close + 1;
    } else i++;
    prev = c;
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return (h1 >>> 0) * 0x200000 + ((h2 >>> 0) & 0x1fffff);
}

/** The template key of one line (see `templateKeyAt`). */
export function templateKey(line: string): number {
  return templateKeyAt(line, 0, line.length);
}
