import type { IncomingMessage } from 'node:http';

export class BodyTooLargeError extends Error {}
export class BodyTimeoutError extends Error {}

/** Buffers a request body up to `max` bytes within `timeoutMs`. */
export function readBody(req: IncomingMessage, max: number, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > max) {
      reject(new BodyTooLargeError());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => fail(new BodyTimeoutError()), timeoutMs);
    const fail = (err: Error) => {
      clearTimeout(timer);
      req.removeAllListeners('data');
      req.resume();
      reject(err);
    };
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) fail(new BodyTooLargeError());
      else chunks.push(c);
    });
    req.once('end', () => {
      clearTimeout(timer);
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    });
    req.once('error', fail);
    req.once('aborted', () => fail(new Error('client aborted')));
  });
}

/** Buffers an upstream body (used only for non-streaming responses the proxy must inspect). */
export async function readAll(body: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of body) chunks.push(c);
  return Buffer.concat(chunks);
}
