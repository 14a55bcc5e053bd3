import { readFileSync } from 'node:fs';
import type { ProxyConfigInput } from '@headroom/proxy';
import { loadConfig } from './config.js';
import { usageError } from './io/errors.js';
import { storeUrl } from './store.js';

export interface ProxyFlags {
  port?: string;
  host?: string;
  anthropicUpstream?: string;
  openaiUpstream?: string;
  store?: string;
  mode?: string;
  allowRemote?: boolean;
  remoteMetrics?: boolean;
  proxyTokenFile?: string;
  logLevel?: string;
  logFile?: string;
  logBodies?: string;
  exitWhenUnleased?: boolean;
  cacheAligner?: boolean;
  contextManager?: string;
  config?: string;
}

const CONTEXT_MANAGERS = ['intelligent', 'rolling-window', 'none'];

function port(value: string, from: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535)
    throw usageError(`${from} must be a port from 0 to 65535, got "${value}"`);
  return n;
}

function bool(value: string, name: string): boolean {
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw usageError(`${name} must be 1|true|yes|on or 0|false|no|off, got "${value}"`);
}

/** The proxy's config: flags > env > the config file's `proxy` section > the proxy's defaults. */
export function proxyConfig(flags: ProxyFlags, env: NodeJS.ProcessEnv = process.env): ProxyConfigInput {
  const file = (loadConfig(flags.config).proxy ?? {}) as ProxyConfigInput;
  const pick = (flag: string | undefined, name: string) => flag ?? (env[name] || undefined);
  const out: ProxyConfigInput = { ...file, store: storeUrl(flags) };
  const p = pick(flags.port, 'HEADROOM_PORT');
  if (p !== undefined) out.port = port(p, flags.port !== undefined ? '--port' : 'HEADROOM_PORT');
  const host = pick(flags.host, 'HEADROOM_HOST');
  if (host) out.host = host;
  const mode = pick(flags.mode, 'HEADROOM_MODE');
  if (mode) {
    if (!['cache', 'lossless', 'passthrough'].includes(mode))
      throw usageError(`--mode must be cache, lossless or passthrough, got "${mode}"`);
    out.mode = mode as NonNullable<ProxyConfigInput['mode']>;
  }
  const anthropic = pick(flags.anthropicUpstream, 'HEADROOM_ANTHROPIC_UPSTREAM');
  if (anthropic) out.anthropicUpstream = anthropic;
  const openai = pick(flags.openaiUpstream, 'HEADROOM_OPENAI_UPSTREAM');
  if (openai) out.openaiUpstream = openai;
  if (flags.allowRemote) out.allowRemote = true;
  else if (env.HEADROOM_ALLOW_REMOTE)
    out.allowRemote = bool(env.HEADROOM_ALLOW_REMOTE, 'HEADROOM_ALLOW_REMOTE');
  if (flags.remoteMetrics) out.remoteMetrics = true;
  const token = flags.proxyTokenFile
    ? readToken(flags.proxyTokenFile)
    : env.HEADROOM_PROXY_TOKEN || undefined;
  if (token) out.proxyToken = token;
  const level = pick(flags.logLevel, 'HEADROOM_LOG_LEVEL');
  if (level) out.log = { ...out.log, level: level as 'info' };
  const logFile = pick(flags.logFile, 'HEADROOM_LOG_FILE');
  if (logFile) out.log = { ...out.log, file: logFile };
  if (flags.logBodies) out.log = { ...out.log, bodiesDir: flags.logBodies };
  if (flags.exitWhenUnleased) out.leaseMode = true;
  const grace = env.HEADROOM_LEASE_GRACE_MS;
  if (grace !== undefined && grace !== '') {
    if (!/^\d+$/.test(grace))
      throw usageError(`HEADROOM_LEASE_GRACE_MS must be milliseconds, got "${grace}"`);
    out.leaseGraceMs = Number(grace);
  }
  if (flags.cacheAligner) out.cacheAligner = true;
  else if (env.HEADROOM_CACHE_ALIGNER)
    out.cacheAligner = bool(env.HEADROOM_CACHE_ALIGNER, 'HEADROOM_CACHE_ALIGNER');
  const manager = pick(flags.contextManager, 'HEADROOM_CONTEXT_MANAGER');
  if (manager) {
    if (!CONTEXT_MANAGERS.includes(manager))
      throw usageError(`--context-manager must be ${CONTEXT_MANAGERS.join(', ')}, got "${manager}"`);
    out.contextManager = manager as NonNullable<ProxyConfigInput['contextManager']>;
  }
  return out;
}

function readToken(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (error) {
    throw usageError(`cannot read --proxy-token-file ${path}: ${(error as Error).message}`);
  }
}
