import { contentHash, LruMap } from '@headroom/core';

/** A stable system text and its `contentHash`. */
export interface StableText {
  readonly text: string;
  readonly hash: string;
}

/**
 * Stable texts seen before, by length. The usual memo miss (a new date, the same stable text) finds
 * the text it produced last time with one string comparison (a memcmp, well under a microsecond for
 * 8 KB) instead of a second SHA-256, and callers keep that one string rather than a fresh copy per
 * prompt (which would otherwise survive into the old generation with each memo entry). Two texts of
 * the same length simply replace each other: the fallback is the hash, never a wrong answer.
 */
export class StableTexts {
  private readonly byLength: LruMap<number, StableText>;

  constructor(maxEntries: number, maxChars: number) {
    this.byLength = new LruMap({ maxEntries, maxBytes: maxChars, sizeOf: (s) => s.text.length });
  }

  /** The entry holding a text equal to `text` (hashed only when not seen). */
  intern(text: string): StableText {
    const seen = this.byLength.get(text.length);
    if (seen !== undefined && seen.text === text) return seen;
    const entry = { text, hash: contentHash(text) };
    this.byLength.set(text.length, entry);
    return entry;
  }
}
