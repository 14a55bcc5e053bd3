/** Character classes for the hot charCode scans: one table lookup per UTF-16 unit. */
export const HEX = 1;
/** A regex `\w` char (no `u` flag): ASCII letters, digits, `_`. */
export const WORD = 2;
export const DIGIT = 4;
/** Space or tab. */
export const BLANK = 8;
/** `"` or `'`. */
export const QUOTE = 16;
export const ESC = 32;
/** A char a hex id is made of: hex digits and `-`. */
export const HEX_RUN = 64;

export const CHAR_CLASS = new Uint8Array(65536);
for (let c = 0; c < 128; c++) {
  const digit = c >= 48 && c <= 57;
  const hex = digit || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
  const word = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || digit || c === 95;
  CHAR_CLASS[c] =
    (hex ? HEX : 0) |
    (word ? WORD : 0) |
    (digit ? DIGIT : 0) |
    (c === 32 || c === 9 ? BLANK : 0) |
    (c === 34 || c === 39 ? QUOTE : 0) |
    (c === 27 ? ESC : 0) |
    (hex || c === 45 ? HEX_RUN : 0);
}

/** Whether a char may be regex whitespace (`\s`): a screen before running `^\s…` patterns. */
export const mayBeBlank = (c: number): boolean => c <= 32 || c >= 0xa0;
