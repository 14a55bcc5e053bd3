import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the mock upstream received it: raw bytes, headers in order, timing. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  rawHeaders: string[];
  body: Buffer;
  receivedAt: number;
  /** Resolves when the client side of this request's socket closed or the response finished. */
  done: Promise<'finished' | 'closed'>;
  json<T = Record<string, unknown>>(): T;
}

/** Writes the reply for one request. */
export type Reply = (res: ServerResponse, req: RecordedRequest) => void | Promise<void>;
/** Picks the reply for a request (`index` counts from 0), so multi-round exchanges are scriptable. */
export type Script = (req: RecordedRequest, index: number) => Reply;

export interface MockUpstream {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** A `node:http` upstream on 127.0.0.1:0 that records every request and answers by script. */
export async function startMockUpstream(script: Script): Promise<MockUpstream> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const done = new Promise<'finished' | 'closed'>((resolve) => {
        res.once('finish', () => resolve('finished'));
        res.once('close', () => resolve(res.writableFinished ? 'finished' : 'closed'));
      });
      const rec: RecordedRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        rawHeaders: req.rawHeaders,
        body,
        receivedAt: Date.now(),
        done,
        json: <T>() => JSON.parse(body.toString('utf8')) as T,
      };
      const index = requests.push(rec) - 1;
      Promise.resolve(script(rec, index)(res, rec)).catch(() => res.destroy());
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export const startMockAnthropic = startMockUpstream;
export const startMockOpenAI = startMockUpstream;

/** A JSON reply; `body` may be a Buffer to send exact bytes. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return (res) => {
    const bytes = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': bytes.length, ...headers });
    res.end(bytes);
  };
}

/** A provider error body with an optional `retry-after`. */
export function error(status: number, providerBody: unknown, opts: { retryAfter?: number } = {}): Reply {
  return json(
    status,
    providerBody,
    opts.retryAfter !== undefined ? { 'retry-after': String(opts.retryAfter) } : {},
  );
}

export type SseEvent = { event?: string; data: unknown } | string;

export interface SseOptions {
  /** `event`: one write per event; `byte`: one write per byte; `{seed}`: seeded random splits (mid-line, mid-UTF-8). */
  chunking?: 'event' | 'byte' | { seed: number };
  delayMs?: number;
  crlf?: boolean;
  /** Stop after this many events and close the socket without a clean end. */
  destroyAfterEvents?: number;
  /** Stop after this many events but end the response cleanly (no `message_stop` / `[DONE]`). */
  truncateAfterEvents?: number;
  /** Wait this long before writing the headers. */
  headersDelayMs?: number;
}

export function encodeSse(events: readonly SseEvent[], crlf = false): Buffer[] {
  const nl = crlf ? '\r\n' : '\n';
  return events.map((e) => {
    if (typeof e === 'string') return Buffer.from(`${e}${nl}${nl}`);
    const data = typeof e.data === 'string' ? e.data : JSON.stringify(e.data);
    return Buffer.from(`${e.event ? `event: ${e.event}${nl}` : ''}data: ${data}${nl}${nl}`);
  });
}

function splits(buf: Buffer, chunking: SseOptions['chunking']): Buffer[] {
  if (chunking === undefined || chunking === 'event') return [buf];
  if (chunking === 'byte') return [...buf].map((b) => Buffer.from([b]));
  let seed = chunking.seed >>> 0 || 1;
  const out: Buffer[] = [];
  let at = 0;
  while (at < buf.length) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const n = 1 + (seed % 17);
    out.push(buf.subarray(at, at + n));
    at += n;
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An SSE reply. */
export function sse(events: readonly SseEvent[], opts: SseOptions = {}): Reply {
  return async (res) => {
    if (opts.headersDelayMs) await sleep(opts.headersDelayMs);
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const encoded = encodeSse(events, opts.crlf);
    for (const [i, ev] of encoded.entries()) {
      if (opts.destroyAfterEvents !== undefined && i >= opts.destroyAfterEvents) {
        // Reset mid-event: half of the next event, then the socket dies.
        res.write(ev.subarray(0, Math.floor(ev.length / 2)));
        await sleep(20);
        res.destroy();
        return;
      }
      if (opts.truncateAfterEvents !== undefined && i >= opts.truncateAfterEvents) break;
      for (const part of splits(ev, opts.chunking)) {
        if (res.destroyed) return;
        res.write(part);
        if (opts.chunking === 'byte' || typeof opts.chunking === 'object')
          await new Promise((r) => setImmediate(r));
      }
      if (opts.delayMs) await sleep(opts.delayMs);
    }
    res.end();
  };
}

/** Headers only after `ms` (for header timeouts). */
export function slowHeaders(ms: number, then: Reply): Reply {
  return async (res, req) => {
    await sleep(ms);
    if (!res.destroyed) await then(res, req);
  };
}

/** Headers, then a stall of `ms` (a slow generation the client may abandon). */
export function stall(ms: number): Reply {
  return async (res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write('event: ping\ndata: {"type":"ping"}\n\n');
    await sleep(ms);
    if (!res.destroyed) res.end();
  };
}
