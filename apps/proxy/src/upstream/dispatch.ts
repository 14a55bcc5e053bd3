import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import type { Upstream } from '../context.js';

export type UpstreamFailure = 'unreachable' | 'timeout' | 'aborted';

/** Classifies an undici error: whether the request provably never left, and which proxy error to send. */
export function classifyUpstreamError(err: unknown): { kind: UpstreamFailure; neverLeft: boolean } {
  const code = (err as { code?: string })?.code ?? '';
  const name = (err as { name?: string })?.name ?? '';
  if (name === 'AbortError' || code === 'UND_ERR_ABORTED') return { kind: 'aborted', neverLeft: false };
  if (code === 'UND_ERR_HEADERS_TIMEOUT') return { kind: 'timeout', neverLeft: false };
  const neverLeft = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT'].includes(code);
  return { kind: 'unreachable', neverLeft };
}

export interface UpstreamRequest {
  upstream: Upstream;
  method: string;
  /** Incoming path and query, forwarded as received. */
  url: string;
  headers: string[];
  body: Buffer | Readable | null;
  signal: AbortSignal;
}

/** One upstream request; retried once only when it provably never left and the body is a Buffer. */
export async function dispatch(agent: Dispatcher, r: UpstreamRequest): Promise<Dispatcher.ResponseData> {
  const opts: Dispatcher.RequestOptions = {
    origin: r.upstream.origin,
    path: r.upstream.prefix + r.url,
    method: r.method as Dispatcher.HttpMethod,
    headers: r.headers,
    body: r.body,
    signal: r.signal,
  };
  try {
    return await agent.request(opts);
  } catch (err) {
    if (Buffer.isBuffer(r.body) && classifyUpstreamError(err).neverLeft && !r.signal.aborted)
      return agent.request(opts);
    throw err;
  }
}
