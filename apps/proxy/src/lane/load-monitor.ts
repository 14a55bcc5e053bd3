import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';

export interface LoadMonitorOptions {
  /** Worker tasks waiting for a slot. */
  queueDepth: () => number;
  /** Over this event-loop delay p99, overloaded (proxy.md §9: 50 ms); 0 turns the check off. */
  maxLoopDelayP99Ms?: number;
  /** At this many queued worker tasks, overloaded (proxy.md §9: 256). */
  maxQueueDepth?: number;
  /** Length of the window whose event-loop delay p99 is judged. */
  windowMs?: number;
}

/**
 * Whether the proxy is too busy to compress: the event-loop delay p99 of the last full window
 * (sampled by Node's own histogram, no timer of ours on the loop) or the worker queue. Compression
 * is the optional part of a request; skipping it under overload keeps forwarding fast. Memo
 * replays still happen, so re-sent history keeps its bytes.
 */
export class LoadMonitor {
  private readonly delay: IntervalHistogram;
  private windowStart = performance.now();
  private lastP99Ms = 0;
  private readonly maxDelayMs: number;
  private readonly maxQueue: number;
  private readonly windowMs: number;

  constructor(private readonly opts: LoadMonitorOptions) {
    this.maxDelayMs = opts.maxLoopDelayP99Ms ?? 50;
    this.maxQueue = opts.maxQueueDepth ?? 256;
    this.windowMs = opts.windowMs ?? 1000;
    this.delay = monitorEventLoopDelay({ resolution: 10 });
    this.delay.enable();
  }

  /** Event-loop delay p99 (ms) of the last full window. */
  get loopDelayP99Ms(): number {
    this.roll();
    return this.lastP99Ms;
  }

  overloaded(): boolean {
    if (this.opts.queueDepth() >= this.maxQueue) return true;
    return this.maxDelayMs > 0 && this.loopDelayP99Ms > this.maxDelayMs;
  }

  /** Starts a fresh window, forgetting what was sampled so far. */
  reset(): void {
    this.delay.reset();
    this.windowStart = performance.now();
    this.lastP99Ms = 0;
  }

  close(): void {
    this.delay.disable();
  }

  private roll(): void {
    const now = performance.now();
    if (now - this.windowStart < this.windowMs) return;
    // A window without samples (an idle loop) reads as no delay, not as the previous window's.
    this.lastP99Ms = this.delay.count > 0 ? this.delay.percentile(99) / 1e6 : 0;
    this.delay.reset();
    this.windowStart = now;
  }
}
