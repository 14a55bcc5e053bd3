/**
 * Where an inline value (UUID, ISO datetime, JWT, hex hash) can start. Found with native indexOf and
 * sparse character tests, so the prose between values costs next to nothing; the value regex then
 * runs only at these positions (see `inlineValuesAt`).
 */

const isHex = (c: number) => (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
const isDigit = (c: number) => c >= 48 && c <= 57;

function isDigitRun(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (!isDigit(text.charCodeAt(k))) return false;
  return true;
}

/**
 * Where a UUID or an ISO datetime can start: 8 hex characters before a dash (UUID) or 4 digits
 * before a dash (datetime); and where a JWT starts. A JWT's `eyJ` is found by its `J`: indexOf of
 * one rare character is a native scan, of `eyJ` a slow one ("e" is everywhere).
 */
export function markerAnchors(text: string): number[] {
  const anchors: number[] = [];
  for (let i = text.indexOf('-'); i >= 0; i = text.indexOf('-', i + 1)) {
    let j = i;
    while (j > 0 && i - j < 9 && isHex(text.charCodeAt(j - 1))) j--;
    if (i - j === 8) anchors.push(j);
    else if (i - j >= 4 && isDigitRun(text, i - 4, i)) anchors.push(i - 4);
  }
  for (let i = text.indexOf('J', 2); i >= 0; i = text.indexOf('J', i + 1)) {
    if (text.charCodeAt(i - 1) === 121 && text.charCodeAt(i - 2) === 101) anchors.push(i - 2); // "ey"
  }
  return anchors;
}

/**
 * Appends to `out` the start of every maximal hex run of `[start, end)` (one line) that is 32, 40 or
 * 64 characters long and holds a digit: where a hash can start. A run of 32 or more covers one of
 * every 32 positions, so only those are tested; a hit is widened to its whole run, and the next
 * candidate is 32 past the run's end.
 */
export function hashAnchors(text: string, start: number, end: number, out: number[]): void {
  let p = start + 31;
  while (p < end) {
    if (!isHex(text.charCodeAt(p))) {
      p += 32;
      continue;
    }
    let a = p;
    let b = p + 1;
    while (a > start && isHex(text.charCodeAt(a - 1))) a--;
    while (b < end && isHex(text.charCodeAt(b))) b++;
    const length = b - a;
    if ((length === 32 || length === 40 || length === 64) && !noDigit(text, a, b)) out.push(a);
    p = b + 32;
  }
}

function noDigit(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (isDigit(text.charCodeAt(k))) return false;
  return true;
}
