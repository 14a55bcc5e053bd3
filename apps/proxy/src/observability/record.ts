import { providerInput } from '../accounting/calibration.js';
import type { Usage } from '../accounting/usage.js';
import type { Endpoint, Provider } from '../body/request-shape.js';
import type { ProxyContext } from '../context.js';
import type { UnitOutcome } from '../plan/plan.js';
import { modelFamily } from './metrics.js';

/** What one request did: the log line's fields and the source of every metric (proxy.md §12). */
export interface RequestRecord {
  reqId: string;
  sessionTag?: string;
  method: string;
  path: string;
  provider: Provider;
  endpoint: Endpoint | 'passthrough';
  model?: string;
  stream: boolean;
  status: number;
  mode: string;
  tokensBefore: number;
  tokensAfter: number;
  overheadMs: number;
  ttfbMs?: number;
  totalMs: number;
  units: UnitOutcome[];
  transforms: string[];
  ccr: { injected: boolean; rounds: number; retrievals: number; misses: number; dropped?: string };
  usage?: Usage;
  /** Anthropic's `count_tokens` of the client's original body (`exactClaudeSavings` samples). */
  measuredBefore?: number;
  failOpen: string[];
  clientAborted: boolean;
  upstreamError?: string;
  userAgent?: string;
}

export function recordRequest(ctx: ProxyContext, r: RequestRecord): void {
  const m = ctx.metrics;
  const family = modelFamily(r.model);
  const saved = r.tokensBefore - r.tokensAfter;
  m.requests.inc({
    provider: r.provider,
    endpoint: r.endpoint,
    stream: String(r.stream),
    status_class: `${Math.floor(r.status / 100)}xx`,
  });
  m.requestDuration.observe({ provider: r.provider, endpoint: r.endpoint }, r.totalMs / 1000);
  if (r.endpoint !== 'passthrough') m.overhead.observe({ endpoint: r.endpoint }, r.overheadMs / 1000);
  if (r.ttfbMs !== undefined) m.ttfb.observe({ provider: r.provider }, r.ttfbMs / 1000);
  m.tokensBefore.inc({ provider: r.provider, family }, r.tokensBefore);
  m.tokensAfter.inc({ provider: r.provider, family }, r.tokensAfter);
  m.tokensSaved.inc({ provider: r.provider, family }, saved);
  const calibration = calibrate(ctx, r, family);
  const exact = exactProviderSaved(r);
  if (exact !== undefined) m.exactSavingsSamples.inc();
  const providerSaved = exact ?? ctx.tokens.calibration.providerSaved(family, saved);
  m.providerTokensSaved.inc({}, providerSaved);
  for (const u of r.units) {
    m.units.inc({ outcome: u.outcome });
    if (u.tokensSaved > 0) m.savedByType.inc({ type: u.type ?? u.strategy ?? 'other' }, u.tokensSaved);
  }
  if (u(r.usage)) {
    m.usage.inc({ kind: 'input' }, r.usage.input);
    m.usage.inc({ kind: 'output' }, r.usage.output);
    m.usage.inc({ kind: 'cache_read' }, r.usage.cacheRead);
    m.usage.inc({ kind: 'cache_write' }, r.usage.cacheWrite);
  }
  for (const f of r.failOpen) m.failOpen.inc({ reason: f });
  if (r.ccr.injected) m.ccrInjected.inc();
  m.ccrRounds.inc({}, r.ccr.rounds);
  m.ccrRetrievals.inc({}, r.ccr.retrievals);
  m.ccrMisses.inc({}, r.ccr.misses);
  if (r.ccr.dropped) m.ccrDropped.inc({ reason: r.ccr.dropped });
  if (r.upstreamError === 'broken_stream') m.upstreamErrors.inc({ kind: r.upstreamError });
  if (r.endpoint !== 'passthrough') {
    ctx.ledger.add(r.provider, family, {
      requests: 1,
      tokensBefore: r.tokensBefore,
      tokensAfter: r.tokensAfter,
      providerSaved,
      usageInput: r.usage?.input ?? 0,
      usageOutput: r.usage?.output ?? 0,
      cacheRead: r.usage?.cacheRead ?? 0,
      cacheWrite: r.usage?.cacheWrite ?? 0,
      retrievals: r.ccr.retrievals,
    });
  }
  const counts = { live: 0, compressed: 0, replayed: 0, kept: 0, protected: 0 };
  for (const x of r.units) {
    if (
      x.outcome === 'compressed' ||
      x.outcome === 'kept' ||
      x.outcome === 'protected' ||
      x.outcome === 'small'
    )
      counts.live++;
    if (x.outcome in counts) counts[x.outcome as keyof typeof counts]++;
  }
  ctx.log.log(r.status >= 500 ? 'warn' : 'info', {
    reqId: r.reqId,
    sessionTag: r.sessionTag,
    method: r.method,
    path: r.path,
    provider: r.provider,
    model: r.model,
    stream: r.stream,
    status: r.status,
    mode: r.mode,
    tokensBefore: r.tokensBefore,
    tokensAfter: r.tokensAfter,
    tokensSaved: saved,
    overheadMs: round2(r.overheadMs),
    ttfbMs: r.ttfbMs === undefined ? undefined : round2(r.ttfbMs),
    totalMs: round2(r.totalMs),
    units: counts,
    transforms: r.transforms,
    ccr: r.ccr,
    usage: r.usage,
    measuredBefore: r.measuredBefore,
    providerSaved,
    calibration,
    failOpen: r.failOpen.length > 0 ? r.failOpen : undefined,
    clientAborted: r.clientAborted,
    upstreamError: r.upstreamError,
    userAgent: r.userAgent,
  });
}

/** Measured savings: Anthropic's count of the original less the input it billed for what was sent. */
function exactProviderSaved(r: RequestRecord): number | undefined {
  if (r.measuredBefore === undefined || r.status !== 200 || !r.usage || r.ccr.rounds > 0) return undefined;
  return r.measuredBefore - providerInput(r.usage);
}

/**
 * Feeds the family's calibration with this request's provider-reported input over the local count
 * of what was forwarded. Skipped: non-200s, responses without usage (streams whose client did not
 * ask for it) and CCR-merged responses, whose usage sums several upstream rounds.
 */
function calibrate(
  ctx: ProxyContext,
  r: RequestRecord,
  family: string,
): { family: string; ratio: number } | undefined {
  if (r.endpoint === 'passthrough' || r.status !== 200 || !r.usage || r.ccr.rounds > 0) return undefined;
  const ratio = ctx.tokens.calibration.observe(family, providerInput(r.usage), r.tokensAfter);
  if (ratio === undefined) return undefined;
  ctx.metrics.calibrationRatio.set({ family }, ratio);
  return { family, ratio: Math.round(ratio * 10_000) / 10_000 };
}

function u(usage: Usage | undefined): usage is Usage {
  return usage !== undefined;
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
