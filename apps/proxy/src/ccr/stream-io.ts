import type { ServerResponse } from 'node:http';

/** Writes with backpressure: a slow client slows the upstream socket, not proxy memory. */
export function write(res: ServerResponse, bytes: Buffer): Promise<void> | undefined {
  if (bytes.length === 0 || res.destroyed) return undefined;
  if (res.write(bytes)) return undefined;
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

export const KEEP_ALIVE_MS = 5_000;

/**
 * Writes `bytes` every `ms` while a retrieval round is held, so clients and intermediaries with
 * idle timeouts see a live stream. Always whole events: writes of events never interleave with it.
 */
export class KeepAlive {
  private timer: NodeJS.Timeout | undefined;
  constructor(
    private readonly res: ServerResponse,
    private readonly bytes: Buffer,
    private readonly ms: number = KEEP_ALIVE_MS,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (!this.res.destroyed && !this.res.writableEnded) this.res.write(this.bytes);
    }, this.ms);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
