import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Provider } from '../body/request-shape.js';
import type { ProxyContext } from '../context.js';
import { dispatch } from '../upstream/dispatch.js';
import { forwardHeaders, responseHeaders } from '../upstream/headers.js';
import { clientAbort, relayBody, sendUpstreamFailure } from './relay.js';

/** Anthropic when the request carries `anthropic-version` or `x-api-key`, else OpenAI (proxy.md §2). */
export function passthroughProvider(req: IncomingMessage): Provider {
  return req.headers['anthropic-version'] !== undefined || req.headers['x-api-key'] !== undefined
    ? 'anthropic'
    : 'openai';
}

/** Any other method or path: both bodies stream unbuffered, headers filtered, nothing added. */
export async function handlePassthrough(
  ctx: ProxyContext,
  req: IncomingMessage,
  res: ServerResponse,
  provider: Provider,
): Promise<void> {
  const controller = clientAbort(ctx, req, res);
  const hasBody =
    req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;
  const upstream = ctx.upstreams[provider];
  try {
    const r = await dispatch(ctx.agent, {
      upstream,
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: forwardHeaders(req.rawHeaders, { host: upstream.host, identityEncoding: false }),
      body: hasBody ? req : null,
      signal: controller.signal,
    });
    res.writeHead(r.statusCode, responseHeaders(r.headers));
    await relayBody(r.body, res);
  } catch (err) {
    sendUpstreamFailure(ctx, res, provider, err);
  }
}
