const GUTTER = /^[ \t]*\d+(?:\t|→)/;

/** The memo's name for "the CCR original is this slice without its line-number gutter". */
export const LINE_NUMBER_REWRITE = 'strip-line-numbers';

/** `   12→code` or `12\tcode` lines without their gutter (agent file-read output). */
export function stripLineNumbers(text: string): string {
  return text.replace(/^[ \t]*\d+(?:\t|→)/gm, '');
}

/**
 * Puts the gutter back on compressed code: every output line that is an input line (matched in
 * order) gets that line's number; lines the compressor wrote (elision placeholders) get none.
 */
export function restoreLineNumbers(numbered: string, compressed: string): string {
  const inputLines = numbered.split('\n');
  const gutters = inputLines.map((line) => GUTTER.exec(line)?.[0] ?? '');
  const bodies = inputLines.map((line, i) => line.slice(gutters[i]!.length));
  let next = 0;
  return compressed
    .split('\n')
    .map((line) => {
      for (let j = next; j < bodies.length; j++) {
        if (bodies[j] === line) {
          next = j + 1;
          return gutters[j] + line;
        }
      }
      return line;
    })
    .join('\n');
}
