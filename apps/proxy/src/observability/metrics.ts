/** A small in-house Prometheus registry (text format 0.0.4); label sets are bounded by the callers. */
type Labels = Record<string, string>;

const NEEDS_ESCAPE = /[\\"\n]/;

function escapeLabel(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function unescapeLabel(value: string): string {
  return value.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
}

/** `a="x",b="y"` in key order: computed for every metric update, so built without intermediate arrays. */
function labelKey(labels: Labels): string {
  const keys = Object.keys(labels);
  if (keys.length > 1) keys.sort();
  let out = '';
  for (const k of keys) out += `${out === '' ? '' : ','}${k}="${escapeLabel(String(labels[k]))}"`;
  return out;
}

interface Metric {
  name: string;
  help: string;
  render(): string[];
}

export class Counter implements Metric {
  private readonly values = new Map<string, number>();
  constructor(
    readonly name: string,
    readonly help: string,
    private readonly type: 'counter' | 'gauge' = 'counter',
  ) {}
  inc(labels: Labels = {}, by = 1): void {
    const k = labelKey(labels);
    this.values.set(k, (this.values.get(k) ?? 0) + by);
  }
  set(labels: Labels, value: number): void {
    this.values.set(labelKey(labels), value);
  }
  get(labels: Labels = {}): number {
    return this.values.get(labelKey(labels)) ?? 0;
  }
  /** Sum over all label sets, grouped by one label (for `/stats`). */
  byLabel(label: string): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [k, v] of this.values) {
      const m = new RegExp(`(?:^|,)${label}="((?:[^"\\\\]|\\\\.)*)"`).exec(k);
      const key = m ? unescapeLabel(m[1]!) : '';
      out[key] = (out[key] ?? 0) + v;
    }
    return out;
  }
  total(): number {
    let t = 0;
    for (const v of this.values.values()) t += v;
    return t;
  }
  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} ${this.type}`];
    for (const [k, v] of this.values) lines.push(`${this.name}${k ? `{${k}}` : ''} ${v}`);
    return lines;
  }
}

export const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

interface Series {
  counts: number[];
  sum: number;
  count: number;
}

export class Histogram implements Metric {
  private readonly series = new Map<string, Series>();
  constructor(
    readonly name: string,
    readonly help: string,
    private readonly buckets: readonly number[] = LATENCY_BUCKETS,
  ) {}
  observe(labels: Labels, seconds: number): void {
    const k = labelKey(labels);
    let s = this.series.get(k);
    if (!s) {
      s = { counts: new Array(this.buckets.length).fill(0), sum: 0, count: 0 };
      this.series.set(k, s);
    }
    for (let i = 0; i < this.buckets.length; i++) if (seconds <= this.buckets[i]!) s.counts[i]!++;
    s.sum += seconds;
    s.count++;
  }
  /** A quantile over all series, interpolated within buckets (what `/stats` reports). */
  quantile(q: number): number {
    const counts = new Array(this.buckets.length).fill(0) as number[];
    let total = 0;
    for (const s of this.series.values()) {
      s.counts.forEach((c, i) => {
        counts[i]! += c;
      });
      total += s.count;
    }
    if (total === 0) return 0;
    const rank = q * total;
    let prevBound = 0;
    let prevCount = 0;
    for (let i = 0; i < this.buckets.length; i++) {
      const c = counts[i]!;
      if (c >= rank) {
        const inBucket = c - prevCount;
        const frac = inBucket > 0 ? (rank - prevCount) / inBucket : 1;
        return prevBound + (this.buckets[i]! - prevBound) * frac;
      }
      prevBound = this.buckets[i]!;
      prevCount = c;
    }
    return this.buckets[this.buckets.length - 1]!;
  }
  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const [k, s] of this.series) {
      const sep = k ? `${k},` : '';
      this.buckets.forEach((b, i) => {
        lines.push(`${this.name}_bucket{${sep}le="${b}"} ${s.counts[i]}`);
      });
      lines.push(`${this.name}_bucket{${sep}le="+Inf"} ${s.count}`);
      lines.push(`${this.name}_sum${k ? `{${k}}` : ''} ${s.sum}`);
      lines.push(`${this.name}_count${k ? `{${k}}` : ''} ${s.count}`);
    }
    return lines;
  }
}

/** Every metric of proxy.md §12 the proxy records. */
export class ProxyMetrics {
  readonly requestDuration = new Histogram(
    'headroom_request_duration_seconds',
    'Request duration, receive to last byte.',
    [...LATENCY_BUCKETS, 2.5, 5, 10, 30, 60, 300],
  );
  readonly overhead = new Histogram('headroom_overhead_seconds', 'Time the proxy adds before dispatch.');
  readonly ttfb = new Histogram('headroom_upstream_ttfb_seconds', 'Upstream time to response headers.', [
    ...LATENCY_BUCKETS,
    2.5,
    5,
    10,
    30,
    60,
  ]);
  readonly requests = new Counter('headroom_requests_total', 'Requests handled.');
  readonly tokensBefore = new Counter('headroom_tokens_before_total', 'Local tokens the client sent.');
  readonly tokensAfter = new Counter('headroom_tokens_after_total', 'Local tokens forwarded.');
  readonly tokensSaved = new Counter('headroom_tokens_saved_total', 'Local tokens saved.');
  readonly providerTokensSaved = new Counter(
    'headroom_provider_tokens_saved_total',
    'Tokens saved in provider tokens (local savings times the family calibration ratio).',
  );
  readonly calibrationRatio = new Counter(
    'headroom_calibration_ratio',
    'EWMA of provider-reported input over local forwarded tokens, per model family.',
    'gauge',
  );
  readonly savedByType = new Counter(
    'headroom_tokens_saved_by_type_total',
    'Local tokens saved per content type.',
  );
  readonly usage = new Counter('headroom_usage_tokens_total', 'Provider-reported usage.');
  readonly units = new Counter('headroom_units_total', 'Tool-output units by outcome.');
  readonly failOpen = new Counter(
    'headroom_fail_open_total',
    'Requests forwarded (partly) unmodified after a failure.',
  );
  readonly memoLookups = new Counter('headroom_memo_lookups_total', 'Memo lookups.');
  readonly ccrInjected = new Counter(
    'headroom_ccr_injected_total',
    'Requests with the retrieval tool injected.',
  );
  readonly ccrRounds = new Counter('headroom_ccr_rounds_total', 'Retrieval rounds served by the proxy.');
  readonly ccrRetrievals = new Counter('headroom_ccr_retrievals_total', 'Retrievals executed.');
  readonly ccrMisses = new Counter('headroom_ccr_misses_total', 'Retrievals of unknown or expired hashes.');
  readonly ccrDropped = new Counter('headroom_ccr_dropped_total', 'Retrieval calls suppressed.');
  readonly clientAborts = new Counter('headroom_client_aborts_total', 'Requests the client abandoned.');
  readonly upstreamErrors = new Counter('headroom_upstream_errors_total', 'Upstream failures.');
  readonly spliceMismatch = new Counter('headroom_splice_mismatch_total', 'Splice self-check failures.');
  readonly inflight = new Counter('headroom_inflight_requests', 'Requests in flight.', 'gauge');
  readonly workerQueueDepth = new Counter(
    'headroom_worker_queue_depth',
    'Units waiting for a compression worker.',
    'gauge',
  );
  readonly loopDelayP99 = new Counter(
    'headroom_event_loop_delay_p99_seconds',
    'Event-loop delay p99 of the last full second; above 50 ms requests get no new compression.',
    'gauge',
  );
  readonly exactSavingsSamples = new Counter(
    'headroom_exact_savings_samples_total',
    'Requests whose provider savings were measured with count_tokens (exactClaudeSavings).',
  );
  readonly storeUp = new Counter('headroom_store_up', 'Whether the store is up.', 'gauge');
  readonly buildInfo = new Counter('headroom_build_info', 'Build information.', 'gauge');

  render(): string {
    const all = Object.values(this).filter(
      (m): m is Metric => m instanceof Counter || m instanceof Histogram,
    );
    return `${all.flatMap((m) => m.render()).join('\n')}\n`;
  }
}

/** Bounded model label (proxy.md §12). */
export function modelFamily(model: string | undefined): string {
  const m = (model ?? '').toLowerCase();
  if (m.includes('claude') && m.includes('opus')) return 'claude-opus';
  if (m.includes('claude') && m.includes('sonnet')) return 'claude-sonnet';
  if (m.includes('claude') && m.includes('haiku')) return 'claude-haiku';
  if (m.startsWith('gpt-4o')) return 'gpt-4o';
  if (m.startsWith('gpt-5')) return 'gpt-5';
  if (/^o\d/.test(m)) return 'o-series';
  return 'other';
}
