import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Endpoint } from './body/request-shape.js';
import type { ProxyContext } from './context.js';
import { serveDashboard } from './dashboard/serve.js';
import { sendProxyError } from './errors.js';
import { handleCompressible } from './handlers/compressible.js';
import {
  handleCompress,
  handleHealth,
  handleMetrics,
  handleRetrieve,
  handleStats,
  sendJson,
} from './handlers/local.js';
import { handlePassthrough, passthroughProvider } from './handlers/passthrough.js';
import { readBody } from './handlers/read-body.js';
import { isLocalRequest, isLocalRoute, isLoopbackSocket, tokenMatches } from './security/access.js';

const COMPRESSIBLE: Record<string, Endpoint> = {
  '/v1/messages': 'messages',
  '/v1/chat/completions': 'chat',
  '/v1/responses': 'responses',
};

export interface AdminHooks {
  shutdown(): void;
  lease(pid: number): void;
  unlease(pid: number): void;
}

const notFound = (res: ServerResponse) =>
  sendJson(res, 404, { error: { type: 'not_found', message: 'not found' } });

/** Routes by exact pathname (proxy.md §2); the query string is forwarded as received. */
export async function route(
  ctx: ProxyContext,
  admin: AdminHooks,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const raw = req.url ?? '/';
  const q = raw.indexOf('?');
  const path = q === -1 ? raw : raw.slice(0, q);
  const method = req.method ?? 'GET';
  const local = isLocalRequest(req);
  const remote = !isLoopbackSocket(req);
  const provider = COMPRESSIBLE[path] === 'messages' ? 'anthropic' : passthroughProvider(req);

  if (path === '/health' && method === 'GET') return handleHealth(ctx, res, local);
  if (remote && !tokenMatches(ctx.config.proxyToken, headerValue(req, 'x-headroom-proxy-token'))) {
    return sendProxyError(res, provider, 'unauthorized', 'missing or bad x-headroom-proxy-token');
  }
  if (path === '/metrics' && method === 'GET' && (local || ctx.config.remoteMetrics))
    return handleMetrics(ctx, res);
  if (isLocalRoute(path)) {
    if (!local) return notFound(res);
    return localRoute(ctx, admin, req, res, path, method, q === -1 ? '' : raw.slice(q + 1));
  }
  if (ctx.inflight >= ctx.config.maxInFlight)
    return sendProxyError(res, provider, 'overloaded', 'too many requests in flight');
  ctx.inflight++;
  try {
    const endpoint = COMPRESSIBLE[path];
    if (endpoint && method === 'POST') await handleCompressible(ctx, req, res, endpoint);
    else await handlePassthrough(ctx, req, res, provider);
  } finally {
    ctx.inflight--;
  }
}

async function localRoute(
  ctx: ProxyContext,
  admin: AdminHooks,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  method: string,
  query: string,
): Promise<void> {
  if (method === 'GET' && path === '/stats') return handleStats(ctx, res);
  if (method === 'GET' && serveDashboard(path, res)) return;
  if (method === 'POST' && path === '/v1/compress') return handleCompress(ctx, req, res);
  if (method === 'GET' && path.startsWith('/v1/retrieve/')) {
    return handleRetrieve(
      ctx,
      res,
      decodeURIComponent(path.slice('/v1/retrieve/'.length)),
      new URLSearchParams(query).get('query'),
    );
  }
  if (method === 'POST' && path === '/admin/shutdown') {
    sendJson(res, 202, { status: 'shutting_down' });
    return admin.shutdown();
  }
  if (method === 'POST' && path === '/admin/leases') {
    const pid = await leasePid(req);
    if (!Number.isInteger(pid) || pid <= 0)
      return sendJson(res, 400, { error: { type: 'invalid_request', message: 'pid required' } });
    admin.lease(pid);
    return sendJson(res, 200, { status: 'leased', pid });
  }
  if (method === 'DELETE' && path.startsWith('/admin/leases/')) {
    admin.unlease(Number(path.slice('/admin/leases/'.length)));
    return sendJson(res, 200, { status: 'released' });
  }
  notFound(res);
}

async function leasePid(req: IncomingMessage): Promise<number> {
  try {
    const body = JSON.parse((await readBody(req, 64 * 1024, 10_000)).toString('utf8')) as { pid?: unknown };
    return typeof body.pid === 'number' ? body.pid : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
