import { spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { headroomHome } from '@headroom/store';
import { CliError } from '../io/errors.js';
import { type Health, probeHealth, request } from '../io/http.js';
import { warn } from '../io/output.js';
import { VERSION } from '../version.js';

const LOG_ROTATE_BYTES = 10 * 1024 * 1024;
const START_TIMEOUT_MS = 15_000;

export interface EnsureOptions {
  port: number;
  mode?: string;
  store?: string;
  noStart?: boolean;
  upstreams: { anthropic?: string; openai?: string };
}

export interface EnsuredProxy {
  url: string;
  /** Whether this wrap started it (a lease-mode proxy that exits once unleased). */
  started: boolean;
}

const majorMinor = (v: string) => v.split('.').slice(0, 2).join('.');

function logFile(port: number): string {
  const dir = join(headroomHome(), 'logs');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, `proxy-${port}.log`);
  try {
    if (statSync(file).size > LOG_ROTATE_BYTES) renameSync(file, `${file}.1`);
  } catch {
    // no log yet
  }
  return file;
}

function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Spawns `headroom proxy --exit-when-unleased` detached, logging to `$HEADROOM_HOME/logs`. */
function spawnProxy(opts: EnsureOptions): { file: string; exited: Promise<number | null> } {
  const bin = fileURLToPath(new URL('../bin.js', import.meta.url));
  const args = [bin, 'proxy', '--port', String(opts.port), '--exit-when-unleased'];
  if (opts.mode) args.push('--mode', opts.mode);
  if (opts.store) args.push('--store', opts.store);
  if (opts.upstreams.anthropic) args.push('--anthropic-upstream', opts.upstreams.anthropic);
  if (opts.upstreams.openai) args.push('--openai-upstream', opts.upstreams.openai);
  const file = logFile(opts.port);
  const fd = openSync(file, 'a', 0o600);
  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', fd, fd] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.unref();
  return { file, exited };
}

async function reuse(
  url: string,
  health: Extract<Health, { kind: 'headroom' }>,
  opts: EnsureOptions,
): Promise<EnsuredProxy | undefined> {
  if (majorMinor(health.version) === majorMinor(VERSION)) {
    if (opts.mode && health.mode && opts.mode !== health.mode) {
      warn(`reusing the proxy at ${url} in mode ${health.mode} (a shared proxy is never reconfigured)`);
    }
    if (opts.upstreams.anthropic || opts.upstreams.openai) {
      warn(`reusing the proxy at ${url}: its upstreams were set when it started`);
    }
    return { url, started: false };
  }
  if (health.leaseMode) {
    await request(`${url}/admin/shutdown`, { method: 'POST' });
    return undefined;
  }
  throw new CliError(
    `proxy v${health.version} on port ${opts.port} is in use by other sessions; pass --port`,
  );
}

/** Finds a compatible proxy on 127.0.0.1:port, or starts one (cli.md §10 step 1). */
export async function ensureProxy(opts: EnsureOptions): Promise<EnsuredProxy> {
  const url = `http://127.0.0.1:${opts.port}`;
  const health = await probeHealth(url);
  if (health.kind === 'other')
    throw new CliError(`port ${opts.port} is used by another program; pass --port`);
  if (health.kind === 'headroom') {
    const reused = await reuse(url, health, opts);
    if (reused) return reused;
    await waitFor(async () => (await probeHealth(url)).kind === 'none', 5000);
  }
  if (opts.noStart)
    throw new CliError(`no headroom proxy at ${url}`, {
      hint: 'start one with `headroom proxy`, or drop --no-start',
    });
  const { file, exited } = spawnProxy(opts);
  let exitCode: number | null | undefined;
  void exited.then((code) => {
    exitCode = code;
  });
  const up = await waitFor(async () => {
    if (exitCode !== undefined) return true;
    return (await probeHealth(url, 500)).kind === 'headroom';
  }, START_TIMEOUT_MS);
  if (up && exitCode === undefined) return { url, started: true };
  // Lost a start race (EADDRINUSE): the winner's proxy is there to reuse.
  const again = await probeHealth(url);
  if (again.kind === 'headroom') return { url, started: false };
  throw new CliError(`the proxy did not start on port ${opts.port}; see ${file}`, {
    hint: `last lines:\n${tail(file)}`,
  });
}

async function waitFor(ok: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await ok()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}
