// BPE merging is quadratic in the length of one pre-token: 10,000 letters in a row took 1.4 s and
// 100,000 took 28 s. Runs of one character class this long (letters, or punctuation) are counted
// in chunks: exact everywhere else, within one token per chunk inside such runs.
const RUN_CHUNK = 256;
export const LONG_RUN = new RegExp(`[\\p{L}\\p{M}]{${RUN_CHUNK},}|[^\\s\\p{L}\\p{N}]{${RUN_CHUNK},}`, 'gu');

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * A cheap over-approximation of LONG_RUN: is there a run of RUN_CHUNK characters that are all
 * letter-like (ASCII letters or non-ASCII) or all punctuation-like (ASCII punctuation or
 * non-ASCII)? Only then does the Unicode regex, ~10× slower per character, need to run.
 */
export function mayHaveLongRun(text: string): boolean {
  let letters = 0;
  let punct = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) {
      letters++;
      punct++;
    } else if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) {
      letters++;
      punct = 0;
    } else if (c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c >= 0x30 && c <= 0x39)) {
      letters = 0;
      punct = 0;
    } else {
      punct++;
      letters = 0;
    }
    if (letters >= RUN_CHUNK || punct >= RUN_CHUNK) return true;
  }
  return false;
}

export function countWithLongRuns(text: string, count: (text: string) => number): number {
  if (!mayHaveLongRun(text)) return count(text);
  LONG_RUN.lastIndex = 0;
  let match = LONG_RUN.exec(text);
  if (!match) return count(text);
  let n = 0;
  let from = 0;
  while (match) {
    if (match.index > from) n += count(text.slice(from, match.index));
    const run = match[0];
    for (let i = 0; i < run.length; ) {
      let end = Math.min(run.length, i + RUN_CHUNK);
      // Never cut a surrogate pair: a lone half would be counted differently by each engine.
      if (end < run.length && isLowSurrogate(run.charCodeAt(end))) end++;
      n += count(run.slice(i, end));
      i = end;
    }
    from = match.index + run.length;
    match = LONG_RUN.exec(text);
  }
  if (from < text.length) n += count(text.slice(from));
  return n;
}
