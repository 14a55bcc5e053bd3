import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { Provider } from '../body/request-shape.js';
import type { ProxyContext } from '../context.js';
import { sendProxyError } from '../errors.js';
import { classifyUpstreamError } from '../upstream/dispatch.js';

/** An AbortController that fires when the client goes away before the response completed. */
export function clientAbort(ctx: ProxyContext, req: IncomingMessage, res: ServerResponse): AbortController {
  const controller = new AbortController();
  const onClose = () => {
    if (!res.writableFinished) {
      ctx.metrics.clientAborts.inc();
      controller.abort();
    }
  };
  res.once('close', onClose);
  req.once('error', () => controller.abort());
  return controller;
}

/** Pipes an upstream body to the client; `write()` backpressure reaches the upstream socket. */
export async function relayBody(
  body: Readable,
  res: ServerResponse,
  tap?: (chunk: Buffer) => void,
): Promise<boolean> {
  if (tap) body.on('data', tap);
  try {
    await pipeTo(body, res);
    return true;
  } catch {
    // A broken upstream stream or a gone client: the client must see a broken response, never a clean end.
    if (!res.destroyed) res.destroy();
    body.destroy();
    return false;
  }
}

/**
 * `body.pipe(res)`, settled when the response has finished (or failed). Not `stream.pipeline`:
 * it builds and aborts an AbortController per call, and the DOMException that makes costs more
 * than relaying a small response.
 */
function pipeTo(body: Readable, res: ServerResponse): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (err?: Error) => reject(err ?? new Error('closed before the response finished'));
    body.once('error', fail);
    res.once('error', fail);
    res.once('close', () => (res.writableFinished ? resolve() : fail()));
    body.pipe(res);
  });
}

/** Maps an upstream failure to the provider-shaped proxy error (502 / 504). */
export function sendUpstreamFailure(
  ctx: ProxyContext,
  res: ServerResponse,
  provider: Provider,
  err: unknown,
): void {
  const { kind } = classifyUpstreamError(err);
  ctx.metrics.upstreamErrors.inc({ kind });
  if (kind === 'aborted') {
    if (!res.destroyed) res.destroy();
    return;
  }
  if (kind === 'timeout')
    sendProxyError(res, provider, 'upstream_timeout', 'upstream did not answer in time');
  else sendProxyError(res, provider, 'upstream_unreachable', 'upstream unreachable');
}
