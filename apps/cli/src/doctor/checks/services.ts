import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { probeHealth } from '../../io/http.js';
import { isLoopbackUrl, listens } from '../../io/local-url.js';
import { openCliStore, storeProblem } from '../../store.js';
import { type Check, type CheckResult, result } from '../check.js';

/** Opens the store and round-trips a probe entry (put, get, delete). */
export const storeCheck: Check = async (ctx) => {
  const hint = 'check --store / HEADROOM_STORE: the path must be writable, or the Redis server reachable';
  let opened: Awaited<ReturnType<typeof openCliStore>>;
  try {
    opened = await openCliStore({
      ...(ctx.storeFlag ? { store: ctx.storeFlag } : {}),
      ...(ctx.configPath ? { config: ctx.configPath } : {}),
    });
  } catch (error) {
    return result('store', 'fail', (error as Error).message, hint);
  }
  try {
    const problem = storeProblem(opened.store);
    if (problem !== undefined)
      return result('store', 'fail', `${opened.shown} unavailable: ${problem}`, hint);
    const original = `headroom doctor probe ${process.pid} ${Date.now()}`;
    const hash = opened.store.put({
      original,
      kind: 'text',
      strategy: 'doctor',
      unit: 'lines',
      omitted: 0,
      total: 1,
    });
    await opened.store.flush();
    const back = (await opened.store.get(hash))?.original;
    await opened.store.delete(hash);
    return back === original
      ? result('store', 'ok', `${opened.shown}: put, get and delete work`)
      : result('store', 'fail', `${opened.shown}: a probe entry did not read back`, hint);
  } catch (error) {
    return result('store', 'fail', `${opened.shown}: ${(error as Error).message.split('\n', 1)[0]}`, hint);
  } finally {
    await opened.store.close().catch(() => {});
  }
};

export const proxyCheck: Check = async (ctx) => {
  const health = await probeHealth(ctx.proxyUrl);
  if (health.kind === 'headroom')
    return result(
      'proxy',
      'ok',
      `headroom proxy ${health.version} at ${ctx.proxyUrl}${health.mode ? ` (mode ${health.mode})` : ''}`,
    );
  if (health.kind === 'none')
    return result(
      'proxy',
      'info',
      `no proxy at ${ctx.proxyUrl}`,
      'start one with `headroom proxy`, or let `headroom wrap` start it',
    );
  return result(
    'proxy',
    'fail',
    `something other than headroom answers at ${ctx.proxyUrl}`,
    'pass --proxy or set HEADROOM_PORT to a free port',
  );
};

const BASE_URL_VARS = ['ANTHROPIC_BASE_URL', 'OPENAI_BASE_URL', 'OPENAI_API_BASE'];

/** Base-URL variables that point at a local port where nothing listens break every agent request. */
export const envCheck: Check = async (ctx) => {
  const dead: string[] = [];
  for (const name of BASE_URL_VARS) {
    const url = ctx.env[name];
    if (url && isLoopbackUrl(url) && !(await listens(url))) dead.push(`${name}=${url}`);
  }
  return dead.length === 0
    ? result('env.base-urls', 'ok', 'base-URL variables are unset or reachable')
    : result(
        'env.base-urls',
        'warn',
        `nothing listens at ${dead.join(', ')}`,
        `unset ${dead.map((d) => d.split('=')[0]).join(' ')} or start the proxy they name`,
      );
};

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Local base URLs another tool left in agent settings; Headroom reports them and never edits them. */
export const agentSettingsCheck: Check = async (ctx) => {
  const stale: CheckResult[] = [];
  const files = [join(ctx.home, '.claude', 'settings.json'), join(ctx.home, '.codex', 'config.toml')];
  for (const file of files) {
    const text = read(file);
    if (text === undefined) continue;
    for (const line of text.split('\n')) {
      const url = /(?:BASE_URL|base_url|API_BASE)["']?\s*[:=]\s*["']([^"']+)["']/.exec(line)?.[1];
      if (url && isLoopbackUrl(url) && !(await listens(url))) {
        stale.push(
          result(
            'agent.settings',
            'warn',
            `${file} points at ${url}, where nothing listens`,
            `remove this line from ${file}: ${line.trim()}`,
          ),
        );
      }
    }
  }
  return stale.length > 0
    ? stale
    : result('agent.settings', 'ok', 'no stale local base URL in Claude Code or Codex settings');
};
