import type { BenchResult } from '../schemas.js';

const HEAD = [
  'scenario',
  'type',
  'strategy',
  'KB',
  'tokens before',
  'after',
  'saved %',
  'p50 ms',
  'p95 ms',
  'needles kept/recoverable/lost',
];

/** The results as an aligned text table (cli.md §7). */
export function resultsTable(results: readonly BenchResult[]): string {
  const rows = results.map((r) => [
    r.scenario,
    r.type,
    r.strategy,
    (r.bytes / 1024).toFixed(1),
    r.tokensBefore.toLocaleString('en-US'),
    r.tokensAfter.toLocaleString('en-US'),
    r.savedPct.toFixed(1),
    r.p50Ms.toFixed(2),
    r.p95Ms.toFixed(2),
    `${r.needles.kept}/${r.needles.recoverable}/${r.needles.lost}`,
  ]);
  const widths = HEAD.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i < 3 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number)))
      .join(' | ');
  return [line(HEAD), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}
