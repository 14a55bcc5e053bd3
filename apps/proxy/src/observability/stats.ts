import type { Stats } from '../api-schemas.js';
import type { ProxyContext } from '../context.js';
import { round2 } from './record.js';

export interface Lifetime {
  since: string | null;
  requests: number;
  tokensSaved: number;
  providerTokensSaved: number;
}

/** The `/stats` object (schema `StatsSchema`), from the metrics registry and the store's ledger. */
export async function buildStats(ctx: ProxyContext): Promise<Stats> {
  const m = ctx.metrics;
  const before = m.tokensBefore.total();
  const after = m.tokensAfter.total();
  const saved = before - after;
  const health = ctx.store.health();
  const byLabel = (label: string) => m.requests.byLabel(label);
  const failedClasses = m.requests.byLabel('status_class');
  const ms = (h: { quantile(q: number): number }) => ({
    p50: round2(h.quantile(0.5) * 1000),
    p90: round2(h.quantile(0.9) * 1000),
    p99: round2(h.quantile(0.99) * 1000),
  });
  return {
    service: 'headroom-proxy',
    version: ctx.version,
    startedAt: ctx.startedAt.toISOString(),
    uptimeS: Math.round((Date.now() - ctx.startedAt.getTime()) / 1000),
    mode: ctx.config.mode,
    store: { kind: ctx.store.kind, ok: health.ok },
    requests: {
      total: m.requests.total(),
      byProvider: byLabel('provider'),
      byEndpoint: byLabel('endpoint'),
      streaming: byLabel('stream').true ?? 0,
      failed: (failedClasses['4xx'] ?? 0) + (failedClasses['5xx'] ?? 0),
      clientAborts: m.clientAborts.total(),
    },
    tokens: {
      before,
      after,
      saved,
      savedPct: before > 0 ? round2((saved / before) * 100) : 0,
      providerSaved: m.providerTokensSaved.total(),
      byType: m.savedByType.byLabel('type'),
      calibration: ctx.tokens.calibration.snapshot(),
    },
    usage: {
      inputTokens: m.usage.get({ kind: 'input' }),
      outputTokens: m.usage.get({ kind: 'output' }),
      cacheReadTokens: m.usage.get({ kind: 'cache_read' }),
      cacheWriteTokens: m.usage.get({ kind: 'cache_write' }),
    },
    units: m.units.byLabel('outcome'),
    failOpen: m.failOpen.byLabel('reason'),
    ccr: {
      injected: m.ccrInjected.total(),
      rounds: m.ccrRounds.total(),
      retrievals: m.ccrRetrievals.total(),
      misses: m.ccrMisses.total(),
      droppedMixed: m.ccrDropped.get({ reason: 'mixed' }),
      roundLimit: m.ccrDropped.get({ reason: 'round_limit' }),
    },
    latency: { overheadMs: ms(m.overhead), ttfbMs: ms(m.ttfb) },
    lifetime: await lifetime(ctx),
  };
}

async function lifetime(ctx: ProxyContext): Promise<Lifetime> {
  try {
    await ctx.ledger.flush();
    const r = await ctx.store.ledger.read({ days: 1 });
    const saved = r.lifetime.tokensBefore - r.lifetime.tokensAfter;
    return {
      since: r.lifetime.since || null,
      requests: r.lifetime.requests,
      tokensSaved: saved,
      providerTokensSaved: r.lifetime.providerSaved,
    };
  } catch {
    return { since: null, requests: 0, tokensSaved: 0, providerTokensSaved: 0 };
  }
}
