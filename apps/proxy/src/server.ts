import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getTokenizer } from '@headroom/core';
import { type HeadroomStore, openStore } from '@headroom/store';
import { LedgerBuffer } from './accounting/ledger-buffer.js';
import { TokenCounter } from './accounting/token-counter.js';
import { RecentScans } from './body/recent-scans.js';
import { type ProxyConfig, type ProxyConfigInput, resolveProxyConfig } from './config.js';
import { type ProxyContext, parseUpstream } from './context.js';
import { CompressionLane } from './lane/compression-lane.js';
import { LoadMonitor } from './lane/load-monitor.js';
import { BodyLog } from './observability/body-log.js';
import { Logger, type LogSink } from './observability/log.js';
import { ProxyMetrics } from './observability/metrics.js';
import { protectMatcher } from './plan/protect.js';
import { route } from './routes.js';
import { createUpstreamAgent } from './upstream/agent.js';

export interface ProxyHandle {
  /** `http://host:port`, with the bound port (port 0 picks a free one). */
  url: string;
  port: number;
  config: ProxyConfig;
  store: HeadroomStore;
  /** Drains in-flight requests (up to `shutdownGraceMs`), then closes the pool and the store. Idempotent. */
  close(): Promise<void>;
  /** Resolves once the proxy closed, including by `POST /admin/shutdown` or losing its last lease. */
  closed: Promise<void>;
}

export interface ProxyDeps {
  /** A store to use instead of opening `config.store` (the caller keeps ownership). */
  store?: HeadroomStore;
  /** Where log lines go (default: `log.file`, else stderr). */
  logSink?: LogSink;
}

export const VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/**
 * Starts the proxy (proxy.md §1): config → store (degraded if it cannot open) → tokenizer warm-up →
 * listen. Rejects with `INVALID_CONFIG` for bad config or a refused remote bind.
 */
export async function createProxy(input?: ProxyConfigInput, deps: ProxyDeps = {}): Promise<ProxyHandle> {
  const config = resolveProxyConfig(input);
  // Before anything is opened: a body directory that cannot be created is a config error.
  const bodyLog = config.log.bodiesDir ? new BodyLog(config.log.bodiesDir) : undefined;
  const store = deps.store ?? (await openStore(config.store, { role: 'proxy' }));
  getTokenizer('gpt-4o').count('warm up');
  const lane = new CompressionLane({
    inlineMaxBytes: config.inlineMaxBytes,
    ...(config.compressWorkers === undefined ? {} : { workers: config.compressWorkers }),
  });
  const ctx: ProxyContext = {
    config,
    store,
    agent: createUpstreamAgent({
      connectTimeoutMs: config.connectTimeoutMs,
      headersTimeoutMs: config.upstreamTimeoutMs,
      bodyTimeoutMs: config.bodyIdleTimeoutMs,
    }),
    metrics: new ProxyMetrics(),
    log: Logger.to(config.log.level, config.log.file, deps.logSink),
    ...(bodyLog ? { bodyLog } : {}),
    tokens: new TokenCounter(),
    recentScans: new RecentScans(),
    lane,
    load: new LoadMonitor({
      queueDepth: () => lane.queueDepth,
      maxLoopDelayP99Ms: config.backpressure.loopDelayP99Ms,
      maxQueueDepth: config.backpressure.workerQueue,
    }),
    ledger: new LedgerBuffer(store),
    upstreams: {
      anthropic: parseUpstream(config.anthropicUpstream),
      openai: parseUpstream(config.openaiUpstream),
    },
    isProtected: protectMatcher(config.protectTools),
    version: VERSION,
    startedAt: new Date(),
    inflight: 0,
  };
  ctx.metrics.buildInfo.set({ version: VERSION, node: process.version }, 1);
  if (config.log.bodiesDir) {
    ctx.log.log('warn', {
      event: 'log_bodies',
      msg: `writing request bodies to ${config.log.bodiesDir}: they hold prompts and tool outputs`,
    });
  }

  let resolveClosed!: () => void;
  const closed = new Promise<void>((r) => {
    resolveClosed = r;
  });
  const leases = new Set<number>();
  let leaseTimer: NodeJS.Timeout | undefined;
  let closing: Promise<void> | undefined;

  const server: Server = createServer(
    { keepAliveTimeout: 65_000, headersTimeout: 66_000, requestTimeout: 0 },
    (req, res) => {
      route(ctx, admin, req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      });
    },
  );
  const close = (): Promise<void> => {
    closing ??= (async () => {
      clearInterval(leaseTimer);
      clearTimeout(unleasedTimer);
      const drained = new Promise<void>((r) => server.close(() => r()));
      server.closeIdleConnections();
      const grace = new Promise<void>((r) => setTimeout(r, config.shutdownGraceMs).unref());
      await Promise.race([drained, grace]);
      server.closeAllConnections();
      await ctx.agent.close().catch(() => undefined);
      await ctx.lane.close();
      ctx.load.close();
      await ctx.ledger.close();
      if (!deps.store) await store.close().catch(() => undefined);
      resolveClosed();
    })();
    return closing;
  };
  let unleasedTimer: NodeJS.Timeout | undefined;
  const admin = {
    shutdown: () => void close(),
    lease: (pid: number) => {
      leases.add(pid);
      clearTimeout(unleasedTimer);
    },
    unlease: (pid: number) => {
      leases.delete(pid);
      // In lease mode the proxy exits 30 s after its last lease is gone (cli.md `wrap`).
      if (config.leaseMode && leases.size === 0) {
        clearTimeout(unleasedTimer);
        unleasedTimer = setTimeout(() => void close(), config.leaseGraceMs).unref();
      }
    },
  };
  if (config.leaseMode) {
    // Drop leases whose process is gone; exit when the last one goes (cli.md `wrap`).
    leaseTimer = setInterval(() => {
      for (const pid of leases) if (!alive(pid)) admin.unlease(pid);
    }, 5_000).unref();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      // Start-up (module loading, tokenizer ranks) stalls the loop once; it says nothing about load.
      ctx.load.reset();
      resolve();
    });
  }).catch(async (err: unknown) => {
    await ctx.agent.close().catch(() => undefined);
    await ctx.lane.close();
    ctx.load.close();
    await ctx.ledger.close();
    if (!deps.store) await store.close().catch(() => undefined);
    throw err;
  });
  const port = (server.address() as AddressInfo).port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return { url: `http://${host}:${port}`, port, config, store, close, closed };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
