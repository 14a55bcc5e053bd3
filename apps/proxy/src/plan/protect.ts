/** Case-insensitive glob (`*`, `?`) matcher for `protectTools`; `mcp__x__Read` matches `*Read` only if written so. */
export function protectMatcher(globs: readonly string[]): (name: string | undefined) => boolean {
  const res = globs.map(
    (g) =>
      new RegExp(
        `^${g
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '.*')
          .replace(/\?/g, '.')}$`,
        'i',
      ),
  );
  return (name) => name !== undefined && res.some((re) => re.test(name));
}
