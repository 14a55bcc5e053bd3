import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { HeadroomError } from '@headroom/core';
import { headroomHome } from './options.js';

export interface RedisTarget {
  host: string;
  port: number;
  db: number;
  tls: boolean;
  username?: string;
  password?: string;
}

export type StoreTarget =
  | { kind: 'memory' }
  | { kind: 'sqlite'; path: string }
  | ({ kind: 'redis' } & RedisTarget);

const FORMS = 'memory, sqlite:PATH, redis://[user:pass@]HOST:PORT[/DB] or rediss://…';
const REDIS_RE =
  /^(rediss?):\/\/(?:([^:@/]*)(?::([^@/]*))?@)?(\[[^\]]*\]|[^:/?#@]*)(?::([^/?#]*))?(?:\/([^?#]*))?([?#].*)?$/;

function bad(url: string, part: string): never {
  throw new HeadroomError('INVALID_CONFIG', `Invalid store URL "${redactStoreUrl(url)}": ${part}`);
}

function expandPath(path: string): string {
  if (path === '~') return homedir();
  if (path.startsWith('~/')) return join(homedir(), path.slice(2));
  return resolve(path);
}

/**
 * `memory`, `sqlite:PATH` (`~` expanded, relative to the working directory; `sqlite:` alone is
 * `$HEADROOM_HOME/store.db`) or `redis[s]://[user:pass@]host[:port][/db]`. Throws `INVALID_CONFIG`
 * naming the bad part.
 */
export function parseStoreUrl(url: string): StoreTarget {
  const text = url.trim();
  if (text === 'memory') return { kind: 'memory' };
  if (text === 'sqlite' || text.startsWith('sqlite:')) {
    const path = text.slice('sqlite:'.length);
    if (path.startsWith('//'))
      bad(url, `path "${path}": write sqlite:PATH (e.g. sqlite:/var/lib/headroom/store.db)`);
    return { kind: 'sqlite', path: path === '' ? join(headroomHome(), 'store.db') : expandPath(path) };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1];
  if (scheme !== 'redis' && scheme !== 'rediss') {
    bad(url, scheme ? `unknown scheme "${scheme}:" (expected ${FORMS})` : `expected ${FORMS}`);
  }
  const m = REDIS_RE.exec(text);
  if (!m) bad(url, `expected ${scheme}://[user:pass@]HOST:PORT[/DB]`);
  const [, proto, user, pass, rawHost = '', rawPort, rawDb, rest] = m;
  if (rest) bad(url, `unexpected "${rest}" (options go in the store config, not the URL)`);
  const host = rawHost.replace(/^\[|\]$/g, '');
  if (host === '') bad(url, 'missing host');
  const port = rawPort === undefined || rawPort === '' ? 6379 : Number(rawPort);
  if (!/^\d*$/.test(rawPort ?? '') || !Number.isInteger(port) || port < 1 || port > 65535) {
    bad(url, `port "${rawPort}" is not a number from 1 to 65535`);
  }
  const db = rawDb === undefined || rawDb === '' ? 0 : Number(rawDb);
  if (!/^\d*$/.test(rawDb ?? '') || !Number.isSafeInteger(db)) {
    bad(url, `database "/${rawDb}" is not a database number (0, 1, …)`);
  }
  const target: StoreTarget = { kind: 'redis', host, port, db, tls: proto === 'rediss' };
  if (user) target.username = decodeURIComponent(user);
  if (pass !== undefined) target.password = decodeURIComponent(pass);
  return target;
}

/** The URL with any password replaced by `***`, for logs, errors and `/health`. */
export function redactStoreUrl(url: string): string {
  return url.replace(/^(rediss?:\/\/[^:@/]*:)[^@/]*@/, '$1***@');
}

/**
 * The store URL shared by the CLI and the proxy: `--store` > `HEADROOM_STORE` > config file >
 * `sqlite:$HEADROOM_HOME/store.db`. Empty values count as unset.
 */
export function resolveStoreUrl(
  sources: { flag?: string | undefined; config?: string | undefined } = {},
  env: NodeJS.ProcessEnv = process.env,
): string {
  for (const candidate of [sources.flag, env.HEADROOM_STORE, sources.config]) {
    if (candidate !== undefined && candidate.trim() !== '') return candidate.trim();
  }
  return `sqlite:${join(headroomHome(env), 'store.db')}`;
}
