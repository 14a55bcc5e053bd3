import type { HeadroomStore } from '@headroom/store';
import type { Dispatcher } from 'undici';
import type { LedgerBuffer } from './accounting/ledger-buffer.js';
import type { TokenCounter } from './accounting/token-counter.js';
import type { RecentScans } from './body/recent-scans.js';
import type { Provider } from './body/request-shape.js';
import type { ProxyConfig } from './config.js';
import type { CompressionLane } from './lane/compression-lane.js';
import type { LoadMonitor } from './lane/load-monitor.js';
import type { BodyLog } from './observability/body-log.js';
import type { Logger } from './observability/log.js';
import type { ProxyMetrics } from './observability/metrics.js';

export interface Upstream {
  origin: string;
  /** Path prefix of the configured upstream URL, without a trailing slash. */
  prefix: string;
  host: string;
}

/** Everything a request handler needs; one per proxy instance. */
export interface ProxyContext {
  config: ProxyConfig;
  store: HeadroomStore;
  agent: Dispatcher;
  metrics: ProxyMetrics;
  log: Logger;
  /** `log.bodiesDir`: request bodies written to disk for debugging (off by default). */
  bodyLog?: BodyLog;
  tokens: TokenCounter;
  /** Recent bodies and scans: a conversation's next turn is scanned from its first new message. */
  recentScans: RecentScans;
  /** Where live units are compressed: inline, or a worker for large units and code. */
  lane: CompressionLane;
  /** Event-loop delay and worker queue: whether a request may start new compression (§9). */
  load: LoadMonitor;
  ledger: LedgerBuffer;
  upstreams: Record<Provider, Upstream>;
  isProtected: (toolName: string | undefined) => boolean;
  version: string;
  startedAt: Date;
  inflight: number;
}

export function parseUpstream(url: string): Upstream {
  const u = new URL(url);
  return { origin: u.origin, prefix: u.pathname.replace(/\/+$/, ''), host: u.host };
}
