import type { ScenarioResult } from './cache-evaluation.js';
import type { CacheProfile } from './cache-simulator.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const int = (n: number) => n.toLocaleString('en-US');

/** The markdown table of a cache evaluation: hit rates without and with the aligner, per placement. */
export function cacheTable(results: readonly ScenarioResult[], profile: CacheProfile): string {
  const rows = results.map(({ scenario, without, with: w, ceiling }) =>
    [
      scenario.title,
      `${scenario.seedClaim.before} → ${scenario.seedClaim.after}`,
      pct(without.hitRate),
      `**${pct(w.end.hitRate)}**`,
      pct(w['last-user'].hitRate),
      pct(w['system-tail'].hitRate),
      pct(ceiling.hitRate),
      int(without.requests),
      `${int(without.promptTokens)} → ${int(w.end.promptTokens)}`,
    ].join(' | '),
  );
  return [
    `Prompt tokens served from the cache (cached ÷ prompt tokens, summed over every request) under ${profile.name}; replayed request by request, exact o200k token counts.`,
    '',
    '| Scenario | Seed claim | Without aligner | With aligner (`end`, default) | `last-user` | `system-tail` | Ceiling: no dynamic values | Requests | Prompt tokens (without → with) |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r} |`),
  ].join('\n');
}
