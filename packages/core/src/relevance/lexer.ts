const TOKEN_RE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[\p{L}\p{N}]+/gu;
const DIGITS = /^\p{N}+$/u;

/**
 * Lowercased word tokens: UUIDs stay whole, otherwise runs of letters and digits (so `_`, `-`, `.`
 * split; camelCase does not). One-character tokens are dropped unless numeric.
 */
export function lexTokens(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(TOKEN_RE)) {
    const token = m[0];
    if (token.length > 1 || DIGITS.test(token)) out.push(token);
  }
  return out;
}

/** Words that carry no relevance in a query: articles, pronouns, and query verbs. */
export const QUERY_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or of to in on at for by with from into about as is are was were be been being ' +
    'do does did can could would should will shall may might must have has had ' +
    'i me my mine we us our you your yours he him his she her it its they them their this that these those ' +
    'what which who whom whose where when why how there here ' +
    'show find get list give tell display fetch search look please'
  ).split(' '),
);

/** Query tokens without stop words; duplicates removed, first occurrence order kept. */
export function queryTokens(query: string): string[] {
  return [...new Set(lexTokens(query).filter((t) => !QUERY_STOP_WORDS.has(t)))];
}
