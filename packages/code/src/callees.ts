const CALL = /(?<![\w$.])([A-Za-z_$][\w$]*(?:(?:\.|::|->)[A-Za-z_$][\w$]*)*)\s*!?\s*\(/g;
const MAX_NAME = 40;
/** One-line string literals: their text is not code (`"INSERT INTO users (…)"`). */
const STRINGS = /"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g;

/** Names called in `text`, distinct, in order of first call, at most `max` (for elision comments). */
export function calleesIn(text: string, keywords: ReadonlySet<string>, max = 5): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const m of text.replace(STRINGS, '""').matchAll(CALL)) {
    const name = m[1]!;
    const last = name.slice(
      Math.max(name.lastIndexOf('.'), name.lastIndexOf(':'), name.lastIndexOf('>')) + 1,
    );
    if (keywords.has(last) || keywords.has(name) || name.length > MAX_NAME || seen.has(name)) continue;
    seen.add(name);
    out.push(name);
    if (out.length >= max) break;
  }
  return out;
}

/** The simple names called in `text` (last segment of each callee), for local call counting. */
export function calledNames(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(CALL)) {
    const name = m[1]!;
    out.add(name.slice(Math.max(name.lastIndexOf('.'), name.lastIndexOf(':'), name.lastIndexOf('>')) + 1));
  }
  return out;
}
