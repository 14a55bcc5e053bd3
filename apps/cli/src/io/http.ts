/** A local GET/POST with a timeout; undefined when nothing answers (refused, timed out, reset). */
export async function request(
  url: string,
  opts: { method?: string; body?: unknown; timeoutMs?: number } = {},
): Promise<Response | undefined> {
  try {
    return await fetch(url, {
      method: opts.method ?? 'GET',
      signal: AbortSignal.timeout(opts.timeoutMs ?? 2000),
      ...(opts.body === undefined
        ? {}
        : { body: JSON.stringify(opts.body), headers: { 'content-type': 'application/json' } }),
    });
  } catch {
    return undefined;
  }
}

export async function getJson(url: string, timeoutMs = 2000): Promise<unknown | undefined> {
  const res = await request(url, { timeoutMs });
  if (!res?.ok) return undefined;
  try {
    return await res.json();
  } catch {
    return undefined;
  }
}

/** What `/health` says about the listener on a URL (cli.md §10 step 1). */
export type Health =
  | { kind: 'none' }
  | { kind: 'other' }
  | { kind: 'headroom'; version: string; mode?: string; leaseMode?: boolean; pid?: number };

export async function probeHealth(base: string, timeoutMs = 1000): Promise<Health> {
  const res = await request(`${base}/health`, { timeoutMs });
  if (res === undefined) return { kind: 'none' };
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    return { kind: 'other' };
  }
  const h = body as {
    service?: unknown;
    version?: unknown;
    mode?: unknown;
    leaseMode?: unknown;
    pid?: unknown;
  };
  if (h?.service !== 'headroom-proxy' || typeof h.version !== 'string') return { kind: 'other' };
  return {
    kind: 'headroom',
    version: h.version,
    ...(typeof h.mode === 'string' ? { mode: h.mode } : {}),
    ...(typeof h.leaseMode === 'boolean' ? { leaseMode: h.leaseMode } : {}),
    ...(typeof h.pid === 'number' ? { pid: h.pid } : {}),
  };
}

/** `--proxy` > `HEADROOM_PROXY_URL` > `http://127.0.0.1:$HEADROOM_PORT` (default 8787). */
export function proxyUrl(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const url = flag ?? env.HEADROOM_PROXY_URL ?? `http://127.0.0.1:${env.HEADROOM_PORT || '8787'}`;
  return url.replace(/\/+$/, '');
}
