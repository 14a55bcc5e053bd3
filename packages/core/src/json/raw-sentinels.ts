/**
 * While `lexemes` is set, `RawNumber.toJSON` returns the string `"\u0000<k>"` and records its
 * lexeme as `lexemes[k]`, so `stringifyCompact` can use native `JSON.stringify` and swap the
 * sentinels back. Internal: not exported from the package.
 */
export const rawSentinels: { lexemes: string[] | undefined } = { lexemes: undefined };

/** Runs `fn` (a synchronous `JSON.stringify`) with RawNumbers written as sentinels into `lexemes`. */
export function withRawSentinels<T>(lexemes: string[], fn: () => T): T {
  const outer = rawSentinels.lexemes;
  rawSentinels.lexemes = lexemes;
  try {
    return fn();
  } finally {
    rawSentinels.lexemes = outer;
  }
}
