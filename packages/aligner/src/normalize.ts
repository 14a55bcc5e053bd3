/** Whitespace the aligner normalizes, found in one unprotected segment (also the alignment score's input). */
export interface Defects {
  cr: boolean;
  /** Blanks before a line break, or at the end of the text. */
  trailing: boolean;
  /** Three or more line breaks in a row. */
  blankRuns: boolean;
}

const isBlank = (c: number) => c === 32 || c === 9;

/**
 * The defects of one unprotected segment. Trailing blanks and blank runs are found from the line
 * breaks (few) rather than by searching for " \n" (a space is found, and rejected, at every word).
 */
export function segmentDefects(segment: string, atTextEnd: boolean): Defects {
  const cr = segment.includes('\r');
  const lf = cr ? segment.replace(/\r\n?/g, '\n') : segment;
  let trailing = atTextEnd && isBlank(lf.charCodeAt(lf.length - 1));
  // Runs of blank lines are read at the same line breaks (a search for "\n\n\n" stops at each one too).
  let blankRuns = false;
  for (let i = lf.indexOf('\n'); i >= 0 && !(trailing && blankRuns); i = lf.indexOf('\n', i + 1)) {
    trailing ||= isBlank(lf.charCodeAt(i - 1));
    blankRuns ||= lf.charCodeAt(i + 1) === 10 && lf.charCodeAt(i + 2) === 10;
  }
  return { cr, trailing, blankRuns };
}

/**
 * Whitespace normalization of one unprotected segment of system text: CRLF/CR → LF, no blanks
 * before a line break, at most one blank line in a row, and the text's own ends trimmed. A segment
 * that borders a protected region keeps its whitespace on that side (it is inside a line).
 */
export function normalizeSegment(
  segment: string,
  d: Defects,
  atTextStart: boolean,
  atTextEnd: boolean,
): string {
  let out = d.cr ? segment.replace(/\r\n?/g, '\n') : segment;
  if (d.trailing) out = out.replace(/[ \t]+\n/g, '\n');
  if (d.blankRuns) out = out.replace(/\n{3,}/g, '\n\n');
  if (atTextStart) out = out.trimStart();
  if (atTextEnd) out = out.trimEnd();
  return out;
}
