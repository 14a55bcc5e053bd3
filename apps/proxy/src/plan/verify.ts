import type { Edit } from '../body/splice.js';

export class SpliceMismatchError extends Error {}

/**
 * Self-check of a splice: the output parses, and each replaced literal (the first
 * `intended.length` edits in insertion order) decodes to the intended text at its new offset.
 */
export function verifySplice(out: Buffer, edits: readonly Edit[], intended: readonly string[]): void {
  JSON.parse(out.toString('utf8'));
  const order = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.start - b.e.start || a.e.end - b.e.end);
  let shift = 0;
  for (const { e, i } of order) {
    const at = e.start + shift;
    if (i < intended.length) {
      const got = JSON.parse(out.toString('utf8', at, at + e.bytes.length)) as unknown;
      if (got !== intended[i])
        throw new SpliceMismatchError(`edit ${i} does not decode to its intended text`);
    }
    shift += e.bytes.length - (e.end - e.start);
  }
}
