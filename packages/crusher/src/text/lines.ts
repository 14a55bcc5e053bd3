/** A text split into lines, remembering its line ending so kept lines rejoin byte-identically. */
export interface Lines {
  readonly lines: readonly string[];
  readonly eol: '\n' | '\r\n';
  /** Whether the text ended with a line ending (restored on output). */
  readonly trailingEol: boolean;
}

export function splitLines(text: string): Lines {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const trailingEol = text.endsWith(eol);
  const body = trailingEol ? text.slice(0, -eol.length) : text;
  return { lines: body.length === 0 ? [] : body.split(eol), eol, trailingEol };
}

const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]/g;

/** A line without terminal colour codes, for classifying (kept lines stay as they were). */
export function stripAnsi(line: string): string {
  return line.includes('\x1b') ? line.replace(ANSI, '') : line;
}

/** Classification looks at this much of a line: enough for any log prefix, linear on huge lines. */
export const CLASSIFY_CHARS = 2000;

/** Everything a template abstracts, in one alternation so a line is scanned once. */
const VARIABLE =
  /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})|("[^"]*"|'[^']*')|((?<![\w.-])(?:[A-Za-z]:)?(?:[\w.-]*\/)+[\w.-]+)|(\b0x[0-9a-f]+\b|\b[0-9a-f]{12,}\b)|(\d+(?:\.\d+)?)|(\s+)/gi;

/**
 * A line's template: what stays when the values change — UUIDs, quoted strings, paths, hex ids
 * and numbers become placeholders, whitespace runs one space. Only the first 2,000 characters count.
 */
export function templateOf(line: string): string {
  const head = stripAnsi(line.length > CLASSIFY_CHARS ? line.slice(0, CLASSIFY_CHARS) : line);
  return head.replace(VARIABLE, placeholder).trim();
}

function placeholder(
  _m: string,
  uuid?: string,
  str?: string,
  path?: string,
  hex?: string,
  num?: string,
): string {
  if (uuid !== undefined) return '<uuid>';
  if (str !== undefined) return '<str>';
  if (path !== undefined) return '<path>';
  if (hex !== undefined) return '<hex>';
  return num !== undefined ? '<n>' : ' ';
}

const isHex = (c: number) => (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
const isWord = (c: number) => isHex(c) || (c >= 71 && c <= 90) || (c >= 103 && c <= 122) || c === 95;

/** End of a hex id starting at word start `i` (≥ 8 hex chars or dashes, with a digit, word-bounded), else `i`. */
function hexRunEnd(line: string, i: number, n: number): number {
  let j = i;
  let digit = false;
  while (j < n) {
    const c = line.charCodeAt(j);
    if (isHex(c)) digit ||= c <= 57;
    else if (c !== 45) break;
    j++;
  }
  return j - i >= 8 && digit && !(j < n && isWord(line.charCodeAt(j))) ? j : i;
}

/**
 * A numeric key for a line's template, computed in one pass without building strings: digit runs
 * count as one `0`, whitespace runs as one space, quoted strings as `""`, ANSI codes as nothing.
 * Lines with equal keys are repeats of one template (two 32-bit FNV variants: collisions are
 * negligible at log sizes). `templateOf` renders a readable template when one is shown.
 */
export function templateKey(line: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  const n = Math.min(line.length, CLASSIFY_CHARS);
  let prev = -1;
  for (let i = 0; i < n; i++) {
    let c = line.charCodeAt(i);
    if (c === 27) {
      // CSI sequence: ESC [ parameters… final byte in @..~
      if (line.charCodeAt(i + 1) === 91) {
        i += 2;
        while (i < n && (line.charCodeAt(i) < 64 || line.charCodeAt(i) > 126)) i++;
      }
      continue;
    }
    // Only a hex char at a word start can begin a hex id (checked inline: this loop is hot).
    const hexEnd = isHex(c) && (i === 0 || !isWord(line.charCodeAt(i - 1))) ? hexRunEnd(line, i, n) : i;
    if (hexEnd > i) {
      // A hex id or UUID (≥ 8 chars with a digit) is one variable, like a number.
      i = hexEnd - 1;
      c = 48;
    } else if (c === 34 || c === 39) {
      const close = line.indexOf(c === 34 ? '"' : "'", i + 1);
      if (close > 0 && close < n) i = close;
    } else if (c >= 48 && c <= 57) c = 48;
    else if (c === 32 || c === 9) c = 32;
    if ((c === 48 || c === 32) && c === prev) continue;
    prev = c;
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return (h1 >>> 0) * 0x200000 + ((h2 >>> 0) & 0x1fffff);
}
