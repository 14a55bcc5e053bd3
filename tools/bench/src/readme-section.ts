export const BENCH_START = '<!-- bench:start -->';
export const BENCH_END = '<!-- bench:end -->';

/**
 * Replaces what lies between the bench markers with `content`, keeping the markers and everything
 * outside them. Returns undefined when the text has no start marker.
 */
export function replaceBenchSection(text: string, content: string): string | undefined {
  const start = text.indexOf(BENCH_START);
  if (start < 0) return undefined;
  const end = text.indexOf(BENCH_END, start + BENCH_START.length);
  if (end < 0) throw new Error(`${BENCH_START} has no ${BENCH_END} after it`);
  return `${text.slice(0, start + BENCH_START.length)}\n\n${content.trim()}\n\n${text.slice(end)}`;
}
