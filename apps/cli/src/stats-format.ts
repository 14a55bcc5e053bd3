import type { LedgerReport } from '@headroom/store';
import { compact, formatInt } from './io/tty.js';

/** The parts of the proxy's `/stats` the text view reads; absent fields print as 0. */
export interface ProxyStats {
  version?: string;
  uptimeS?: number;
  mode?: string;
  store?: { kind?: string; ok?: boolean };
  requests?: { total?: number };
  tokens?: { before?: number; after?: number; saved?: number; savedPct?: number };
  usage?: { cacheReadTokens?: number; cacheWriteTokens?: number };
  ccr?: { retrievals?: number; misses?: number; droppedMixed?: number };
  latency?: { overheadMs?: { p50?: number; p99?: number } };
  lifetime?: { since?: string | null; requests?: number; tokensSaved?: number };
}

const pct = (saved: number, before: number) =>
  before > 0 ? `${((100 * saved) / before).toFixed(1)} %` : '0.0 %';
const row = (label: string, ...cells: string[]) =>
  `${label.padEnd(22)}${cells.map((c) => c.padEnd(20)).join('')}`.trimEnd();

function uptime(s: number): string {
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}h${m}m` : `${m}m${Math.floor(s % 60)}s`;
}

export function formatProxyStats(url: string, s: ProxyStats): string {
  const before = s.tokens?.before ?? 0;
  const after = s.tokens?.after ?? 0;
  const saved = s.tokens?.saved ?? before - after;
  const life = s.lifetime ?? {};
  return [
    `Headroom proxy ${url} · up ${uptime(s.uptimeS ?? 0)} · mode ${s.mode ?? '?'} · store ${s.store?.kind ?? '?'}${s.store?.ok === false ? ' (down)' : ''}`,
    row('', 'session', `lifetime (since ${life.since ?? 'today'})`),
    row('requests', formatInt(s.requests?.total ?? 0), formatInt(life.requests ?? 0)),
    row('tokens before → after', `${compact(before)} → ${compact(after)}`),
    row('saved (local)', `${compact(saved)} (${pct(saved, before)})`, compact(life.tokensSaved ?? 0)),
    row(
      'cache read / write',
      `${compact(s.usage?.cacheReadTokens ?? 0)} / ${compact(s.usage?.cacheWriteTokens ?? 0)}`,
    ),
    row(
      'CCR',
      `${s.ccr?.retrievals ?? 0} retrievals, ${s.ccr?.misses ?? 0} miss, ${s.ccr?.droppedMixed ?? 0} dropped (mixed)`,
    ),
    row(
      'overhead p50 / p99',
      `${s.latency?.overheadMs?.p50 ?? 0} ms / ${s.latency?.overheadMs?.p99 ?? 0} ms`,
    ),
  ].join('\n');
}

export function formatLedger(store: string, r: LedgerReport): string {
  const lines = [
    `Headroom store ${store} · lifetime since ${r.lifetime.since}`,
    row('date', 'requests', 'tokens before → after', 'saved'),
  ];
  for (const d of r.days) {
    const saved = d.tokensBefore - d.tokensAfter;
    lines.push(
      row(
        d.date,
        formatInt(d.requests),
        `${compact(d.tokensBefore)} → ${compact(d.tokensAfter)}`,
        `${compact(saved)} (${pct(saved, d.tokensBefore)})`,
      ),
    );
  }
  const saved = r.lifetime.tokensBefore - r.lifetime.tokensAfter;
  lines.push(
    row(
      'lifetime',
      formatInt(r.lifetime.requests),
      `${compact(r.lifetime.tokensBefore)} → ${compact(r.lifetime.tokensAfter)}`,
      `${compact(saved)} (${pct(saved, r.lifetime.tokensBefore)})`,
    ),
  );
  return lines.join('\n');
}
