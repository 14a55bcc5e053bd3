import type { Segmented } from './segment.js';

/** 2 = a blank line, 1 = a line break, 0 = spaces only. */
function strength(sep: string): number {
  const first = sep.indexOf('\n');
  if (first < 0) return 0;
  return sep.indexOf('\n', first + 1) >= 0 ? 2 : 1;
}

/**
 * Kept words in order, joined by the whitespace that separated them. Across a dropped run the
 * strongest separator of the run is used (a blank line beats a line break beats a space; the later
 * one on ties, so the next line keeps its indentation): line and paragraph structure survive.
 */
export function rebuild(seg: Segmented, keep: ArrayLike<number>): string {
  const { words, seps } = seg;
  let out = seg.prefix;
  let pending: string | undefined;
  let pendingStrength = -1;
  let any = false;
  for (let i = 0; i < words.length; i++) {
    const sep = seps[i]!;
    if (keep[i]) {
      if (any) out += pending!;
      out += words[i]!;
      any = true;
      pending = sep;
      pendingStrength = strength(sep);
      continue;
    }
    if (!any) continue;
    const s = strength(sep);
    if (s >= pendingStrength) {
      pending = sep;
      pendingStrength = s;
    }
  }
  // The text's own trailing whitespace ends the output.
  const trailing = words.length > 0 ? seps[words.length - 1]! : '';
  return any ? out + trailing : out;
}
