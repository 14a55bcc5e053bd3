const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
// ≥ 4 characters mixing letters and digits: ids, codes, flight numbers (`HAT001`, `ORD-2024-00017`).
const MIXED =
  /(?<![\p{L}\p{N}_-])(?=[\p{L}\p{N}_-]*\p{L})(?=[\p{L}\p{N}_-]*\p{N})[\p{L}\p{N}][\p{L}\p{N}_-]{3,}/gu;
// Paths with a separator, and file names with an extension (`src/index.ts`, `config.yaml`, not `e.g`).
const PATH = /(?:[\w.-]+\/)+[\w.-]+|\b(?=[\w-]{2,}\.)[\w-]*[a-z][\w-]*\.[a-z][a-z0-9]{0,4}\b/gi;
// Quoted strings in prose; an apostrophe inside a word (don't) is not a quote.
const QUOTED = /"([^"\n]{3,50})"|(?<!\w)'([^'\n]{3,50})'(?!\w)|`([^`\n]{3,50})`/g;

/**
 * The tokens that identify what a text is about, lowercased, in order of appearance: UUIDs, codes
 * mixing letters and digits, paths and file names, and (outside JSON, where every value is quoted)
 * quoted strings. A later message that mentions one of them refers back to this text.
 */
export function distinctiveTokens(text: string, opts: { quoted: boolean }): string[] {
  const found: { at: number; token: string }[] = [];
  for (const re of [UUID, MIXED, PATH]) {
    for (const m of text.matchAll(re)) found.push({ at: m.index, token: m[0] });
  }
  if (opts.quoted) {
    for (const m of text.matchAll(QUOTED)) {
      const token = (m[1] ?? m[2] ?? m[3])!.trim();
      if (token.length >= 3) found.push({ at: m.index, token });
    }
  }
  found.sort((a, b) => a.at - b.at);
  return [...new Set(found.map((f) => f.token.toLowerCase()))];
}
