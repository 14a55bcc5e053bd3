import { HeadroomError } from '@headroom/core';
import { z } from 'zod';

export const ProxyMode = z.enum(['cache', 'lossless', 'passthrough']);
export type ProxyMode = z.infer<typeof ProxyMode>;

const DEFAULT_PROTECT = ['Read', 'Write', 'Edit', 'MultiEdit', 'NotebookEdit'];
const MIB = 1024 * 1024;

/** The proxy's configuration (proxy.md §13). Unknown keys are rejected; every field has a default. */
export const ProxyConfigSchema = z
  .object({
    host: z.string().default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(8787),
    allowRemote: z.boolean().default(false),
    remoteMetrics: z.boolean().default(false),
    /** Inbound token for remote callers (`x-headroom-proxy-token`), ≥ 32 characters. */
    proxyToken: z.string().min(32).optional(),
    /** A store URL (`memory`, `sqlite:PATH`, `redis://…`). */
    store: z.string().default('sqlite:~/.headroom/store.db'),
    mode: ProxyMode.default('cache'),
    anthropicUpstream: z.url().default('https://api.anthropic.com'),
    openaiUpstream: z.url().default('https://api.openai.com'),
    cacheAligner: z.boolean().default(false),
    contextManager: z.enum(['intelligent', 'rolling-window', 'none']).default('intelligent'),
    compressionBudgetMs: z.number().int().positive().default(300),
    minUnitTokens: z.number().int().min(300).default(500),
    protectTools: z.array(z.string()).default(DEFAULT_PROTECT),
    compressWorkers: z.number().int().nonnegative().optional(),
    inlineMaxBytes: z
      .number()
      .int()
      .positive()
      .default(512 * 1024),
    /** §9: no new compression while the event-loop delay p99 (0 = never) or the worker queue is over these. */
    backpressure: z
      .object({
        loopDelayP99Ms: z.number().nonnegative().default(50),
        workerQueue: z.number().int().positive().default(256),
      })
      .strict()
      .prefault({}),
    ccr: z
      .object({ maxRounds: z.number().int().min(0).max(10).default(3) })
      .strict()
      .prefault({}),
    upstreamTimeoutMs: z.number().int().positive().default(600_000),
    connectTimeoutMs: z.number().int().positive().default(10_000),
    bodyIdleTimeoutMs: z.number().int().positive().default(300_000),
    maxBodyBytes: z
      .number()
      .int()
      .positive()
      .default(64 * MIB),
    maxInFlight: z.number().int().positive().default(2048),
    shutdownGraceMs: z.number().int().nonnegative().default(30_000),
    verifySplice: z.number().min(0).max(1).default(0.001),
    log: z
      .object({
        level: z.enum(['error', 'warn', 'info', 'debug']).default('info'),
        file: z.string().optional(),
        bodiesDir: z.string().optional(),
      })
      .strict()
      .prefault({}),
    exactClaudeSavings: z.number().min(0).max(1).default(0),
    leaseMode: z.boolean().default(false),
    /** Lease mode: how long the proxy outlives its last lease (a new `wrap` may still come). */
    leaseGraceMs: z.number().int().nonnegative().default(30_000),
  })
  .strict();

export type ProxyConfig = z.output<typeof ProxyConfigSchema>;
export type ProxyConfigInput = z.input<typeof ProxyConfigSchema>;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.has(host) || host.startsWith('127.');
}

/**
 * Parses and checks a config. Throws `INVALID_CONFIG` (the CLI exits 2) for bad values and for a
 * non-loopback bind without `allowRemote` and a token (§11).
 */
export function resolveProxyConfig(input: ProxyConfigInput | undefined): ProxyConfig {
  const parsed = ProxyConfigSchema.safeParse(input ?? {});
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new HeadroomError('INVALID_CONFIG', `Invalid proxy config: ${detail}`, { cause: parsed.error });
  }
  const config = parsed.data;
  if (!isLoopbackHost(config.host) && !(config.allowRemote && config.proxyToken)) {
    throw new HeadroomError(
      'INVALID_CONFIG',
      `refusing to bind ${config.host}: a non-loopback host needs allowRemote and a proxy token of at least 32 characters`,
    );
  }
  return config;
}
