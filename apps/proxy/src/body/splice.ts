/** A byte edit over the original body: replace `[start, end)` with `bytes` (an insert when start = end). */
export interface Edit {
  start: number;
  end: number;
  bytes: Buffer;
}

export class SpliceOverlapError extends Error {}

/**
 * Applies edits in one `Buffer.concat`; nothing outside the edited ranges is re-encoded. No edits
 * returns the very same Buffer. Overlapping edits throw (the caller fails open).
 */
export function splice(original: Buffer, edits: readonly Edit[]): Buffer {
  if (edits.length === 0) return original;
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const parts: Buffer[] = [];
  let at = 0;
  for (const e of sorted) {
    if (e.start < at || e.end < e.start || e.end > original.length) {
      throw new SpliceOverlapError(`edit [${e.start}, ${e.end}) overlaps or is out of range`);
    }
    parts.push(original.subarray(at, e.start), e.bytes);
    at = e.end;
  }
  parts.push(original.subarray(at));
  return Buffer.concat(parts);
}

/** A string literal for `value`, as UTF-8 bytes. */
export function jsonStringBytes(value: string): Buffer {
  return Buffer.from(JSON.stringify(value), 'utf8');
}
