export const CACHE_START = '<!-- cache-sim:start -->';
export const CACHE_END = '<!-- cache-sim:end -->';

/** The aligner's README, which carries the simulator's table. */
export const ALIGNER_README = new URL('../../../packages/aligner/README.md', import.meta.url);

/** The text between the cache-sim markers, trimmed; undefined without them. */
export function cacheSection(text: string): string | undefined {
  const start = text.indexOf(CACHE_START);
  const end = text.indexOf(CACHE_END);
  if (start < 0 || end < start) return undefined;
  return text.slice(start + CACHE_START.length, end).trim();
}

/** `text` with the section between the cache-sim markers replaced by `table`. */
export function replaceCacheSection(text: string, table: string): string {
  const start = text.indexOf(CACHE_START);
  const end = text.indexOf(CACHE_END);
  if (start < 0 || end < start) throw new Error(`${CACHE_START} … ${CACHE_END} not found`);
  return `${text.slice(0, start + CACHE_START.length)}\n\n${table.trim()}\n\n${text.slice(end)}`;
}
