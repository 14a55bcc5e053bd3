import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt, runCli, tempHome } from '../test-utils/cli.js';
import { freePort, mockUpstream } from '../test-utils/net.js';

const home = tempHome();
const env = home.env;
beforeAll(ensureBuilt, 120_000);
afterAll(() => home.cleanup());

/** Starts `headroom proxy` and resolves once its banner names the bound URL. */
function startProxy(args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [BIN, 'proxy', ...args], {
    env: { ...process.env, ...env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  const url = new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      const m = /headroom proxy \S+ · (http:\/\/\S+)/.exec(stderr);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', () => reject(new Error(`proxy exited: ${stderr}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, url, exited, output: () => ({ stdout, stderr }) };
}

describe.concurrent('headroom proxy', () => {
  it('--port 0 binds a free port, answers /health, prints the exports, and exits 0 on SIGTERM', async () => {
    const p = startProxy(['--port', '0']);
    const url = await p.url;
    const health = (await (await fetch(`${url}/health`)).json()) as { service: string };
    expect(health.service).toBe('headroom-proxy');
    expect(p.output().stderr).toContain(`export ANTHROPIC_BASE_URL=${url}`);
    expect(p.output().stderr).toContain(`export OPENAI_BASE_URL=${url}/v1`);

    const stats = await runCli(['stats', '--proxy', url, '--json'], { env });
    expect(stats.code).toBe(0);
    const s = JSON.parse(stats.stdout.toString('utf8'));
    expect(s).toMatchObject({ source: 'proxy', url, stats: { service: 'headroom-proxy' } });
    const text = await runCli(['stats', '--proxy', url], { env });
    expect(text.stdout.toString('utf8')).toMatch(/^Headroom proxy http:\/\/127\.0\.0\.1:\d+ · up /);

    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(p.output().stdout).toBe('');
  });

  it('exits 1 for a busy port and 2 for a remote bind without a token', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    const [busy, remote] = await Promise.all([
      runCli(['proxy', '--port', String(port)], { env }),
      runCli(['proxy', '--port', '0', '--host', '0.0.0.0'], { env }),
    ]);
    blocker.close();
    expect(busy.code).toBe(1);
    expect(busy.stderr).toContain(`port ${port} is in use`);
    expect(remote.code).toBe(2);
    expect(remote.stderr).toMatch(/^headroom: .*refusing to bind 0\.0\.0\.0/);
  });

  it('--print-config shows cache-aligner and context-manager from flags over env; a bad name exits 2', async () => {
    const envWith = { ...env, HEADROOM_CONTEXT_MANAGER: 'none', HEADROOM_CACHE_ALIGNER: 'true' };
    const [fromEnv, fromFlags, bad] = await Promise.all([
      runCli(['proxy', '--print-config'], { env: envWith }),
      runCli(['proxy', '--print-config', '--context-manager', 'rolling-window', '--cache-aligner'], { env }),
      runCli(['proxy', '--print-config', '--context-manager', 'smart'], { env }),
    ]);
    expect(JSON.parse(fromEnv.stdout.toString('utf8'))).toMatchObject({
      cacheAligner: true,
      contextManager: 'none',
    });
    expect(JSON.parse(fromFlags.stdout.toString('utf8'))).toMatchObject({
      cacheAligner: true,
      contextManager: 'rolling-window',
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--context-manager must be intelligent, rolling-window, none/);
  });

  it('--print-config shows --log-file over HEADROOM_LOG_FILE, and --log-bodies', async () => {
    const r = await runCli(
      ['proxy', '--print-config', '--log-file', '/tmp/h.log', '--log-bodies', '/tmp/bodies'],
      { env: { ...env, HEADROOM_LOG_FILE: '/tmp/env.log' } },
    );
    expect(JSON.parse(r.stdout.toString('utf8'))).toMatchObject({
      log: { file: '/tmp/h.log', bodiesDir: '/tmp/bodies' },
    });
  });
});

describe('headroom stats without a proxy', () => {
  it('falls back to the store ledger, and exits 1 when both are unavailable', async () => {
    const fallback = await runCli(['stats', '--json'], { env });
    expect(fallback.code).toBe(0);
    expect(JSON.parse(fallback.stdout.toString('utf8'))).toMatchObject({ source: 'store', days: [] });
    // A store under a regular file cannot be opened.
    writeFileSync(join(home.dir, 'a-file'), '');
    const none = await runCli(['stats'], {
      env: { ...env, HEADROOM_STORE: `sqlite:${join(home.dir, 'a-file', 's.db')}` },
    });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(
      /^headroom: no running proxy at http:\/\/127\.0\.0\.1:1 and store .* unavailable/,
    );
  });
});

describe.concurrent('headroom wrap', () => {
  it('starts a proxy, runs the agent with the base URL, and passes its exit code through', async () => {
    const upstream = await mockUpstream();
    const bin = join(home.dir, 'bin');
    mkdirSync(bin, { recursive: true });
    const record = join(home.dir, 'agent.json');
    // A stand-in `claude`: records its env and argv, sends one request through the proxy, exits 3.
    writeFileSync(
      join(bin, 'claude'),
      `#!${process.execPath}
const base = process.env.ANTHROPIC_BASE_URL;
const res = await fetch(base + '/v1/messages', { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'k', 'anthropic-version': '2023-06-01' }, body: JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] }) });
const health = await (await fetch(base + '/health')).json();
require('node:fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify({ base, argv: process.argv.slice(2), status: res.status, health }));
process.exit(3);
`.replace("require('node:fs')", "(await import('node:fs'))"),
    );
    chmodSync(join(bin, 'claude'), 0o755);
    writeFileSync(join(bin, 'package.json'), '{"type":"module"}');
    const port = await freePort();
    const wrapEnv = { ...env, PATH: `${bin}:${process.env.PATH}`, HEADROOM_ANTHROPIC_UPSTREAM: upstream.url };
    const r = await runCli(['wrap', 'claude', '--port', String(port), '--', '--model', 'x'], {
      env: wrapEnv,
    });
    const seen = JSON.parse(readFileSync(record, 'utf8'));
    try {
      expect(r.code).toBe(3);
      expect(seen.base).toBe(`http://127.0.0.1:${port}`);
      expect(seen.argv).toEqual(['--model', 'x']);
      expect(seen.status).toBe(200);
      expect(seen.health).toMatchObject({ service: 'headroom-proxy', leaseMode: true });
      expect(upstream.paths).toEqual(['/v1/messages']);
      expect(r.stderr).toMatch(/headroom: 1 requests · .* while claude ran/);

      const printed = await runCli(['wrap', 'codex', '--port', String(port), '--print-env', '--json'], {
        env: wrapEnv,
      });
      expect(JSON.parse(printed.stdout.toString('utf8'))).toEqual({
        proxy: `http://127.0.0.1:${port}`,
        env: { OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1` },
      });
    } finally {
      // The lease-mode proxy would exit 30 s after its last lease; end it now, by its pid.
      process.kill(seen.health.pid, 'SIGTERM');
      upstream.server.close();
    }
  });

  it('two wraps share one proxy: it outlives the first, and exits one grace period after the last', async () => {
    const upstream = await mockUpstream();
    const bin = join(home.dir, 'shared-bin');
    mkdirSync(bin, { recursive: true });
    // A stand-in `claude` named by its first argument: records the proxy's /health, then waits
    // until the test creates <name>.release.
    writeFileSync(
      join(bin, 'claude'),
      `#!${process.execPath}
import { existsSync, writeFileSync } from 'node:fs';
const name = process.argv[2];
const health = await (await fetch(process.env.ANTHROPIC_BASE_URL + '/health')).json();
writeFileSync(${JSON.stringify(bin)} + '/' + name + '.json', JSON.stringify(health));
while (!existsSync(${JSON.stringify(bin)} + '/' + name + '.release')) await new Promise((r) => setTimeout(r, 20));
`,
    );
    chmodSync(join(bin, 'claude'), 0o755);
    writeFileSync(join(bin, 'package.json'), '{"type":"module"}');
    const port = await freePort();
    const wrapEnv = {
      ...env,
      PATH: `${bin}:${process.env.PATH}`,
      HEADROOM_ANTHROPIC_UPSTREAM: upstream.url,
      HEADROOM_LEASE_GRACE_MS: '300',
    };
    const until = async (check: () => boolean | Promise<boolean>, ms = 15_000) => {
      for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 25)))
        if (await check()) return;
      throw new Error('timed out');
    };
    const alive = () =>
      fetch(`http://127.0.0.1:${port}/health`).then(
        (r) => r.ok,
        () => false,
      );
    const health = (name: string) => JSON.parse(readFileSync(join(bin, `${name}.json`), 'utf8'));
    const first = runCli(['wrap', 'claude', '--port', String(port), '--', 'first'], { env: wrapEnv });
    await until(() => existsSync(join(bin, 'first.json')));
    const second = runCli(['wrap', 'claude', '--port', String(port), '--', 'second'], { env: wrapEnv });
    await until(() => existsSync(join(bin, 'second.json')));
    const pid = health('first').pid;
    try {
      expect(health('second').pid).toBe(pid);
      writeFileSync(join(bin, 'first.release'), '');
      expect((await first).code).toBe(0);
      await new Promise((r) => setTimeout(r, 900)); // three grace periods
      expect(await alive()).toBe(true);
      writeFileSync(join(bin, 'second.release'), '');
      expect((await second).code).toBe(0);
      await until(async () => !(await alive()), 10_000);
    } finally {
      if (await alive()) process.kill(pid, 'SIGTERM');
      upstream.server.close();
    }
  });

  it('exits 127 when the agent binary is missing, and 1 with --no-start and no proxy', async () => {
    const port = await freePort();
    const [missing, noStart] = await Promise.all([
      runCli(['wrap', 'aider', '--port', String(port), '--bin', join(home.dir, 'no-such-aider')], { env }),
      runCli(['wrap', 'claude', '--port', String(port), '--no-start', '--print-env'], { env }),
    ]);
    expect(missing.code).toBe(127);
    expect(missing.stderr).toContain('command not found');
    expect(noStart.code).toBe(1);
    expect(noStart.stderr).toContain('no headroom proxy');
  });
});
