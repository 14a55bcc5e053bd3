import { Emitter } from './emitter.js';
import { errorText } from './errors.js';
import type { StoreHealth, StoreLogger, StoreState } from './types.js';

export interface HealthDeps {
  /** The redacted store URL, for log lines. */
  label: string;
  now: () => number;
  intervalMs: number;
  logger: StoreLogger;
  /** `write` is set when the store is `full`: recovering needs a write to succeed, not just a read. */
  probe: (write: boolean) => Promise<void>;
  /** Runs after every return to `up` (replays the queues kept during the outage). */
  recovered: () => Promise<void>;
}

/**
 * The store's up/full/down state. Any connection, timeout or I/O failure moves it out of `up` at
 * once; from then on a probe runs every `intervalMs` (and whenever the backend reports it is back),
 * and the first success restores `up`. Transitions are logged.
 */
export class HealthMonitor {
  private state: StoreState = 'up';
  private since: number;
  private lastError: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private probing: Promise<boolean> | undefined;
  private stopped = false;
  private readonly emitter = new Emitter<{ change: StoreHealth }>();
  outages = 0;

  constructor(private readonly deps: HealthDeps) {
    this.since = deps.now();
  }

  get current(): StoreState {
    return this.state;
  }

  snapshot(): StoreHealth {
    const h: StoreHealth = { ok: this.state === 'up', state: this.state, since: this.since };
    if (this.lastError !== undefined) h.lastError = this.lastError;
    return h;
  }

  onChange(fn: (h: StoreHealth) => void): () => void {
    return this.emitter.on('change', fn);
  }

  fail(state: 'down' | 'full', error: unknown): void {
    this.lastError = errorText(error);
    if (this.state === state || this.stopped) return;
    if (this.state === 'up') this.outages++;
    this.state = state;
    this.since = this.deps.now();
    this.deps.logger.warn(
      `${this.deps.label} is ${state} (${this.lastError}); lossy compression is off until it recovers`,
    );
    this.emitter.emit('change', this.snapshot());
    this.timer ??= setInterval(() => void this.probeNow(), this.deps.intervalMs).unref();
  }

  /** Probes now unless a probe is running; resolves to whether the store is up afterwards. */
  probeNow(): Promise<boolean> {
    this.probing ??= this.runProbe().finally(() => {
      this.probing = undefined;
    });
    return this.probing;
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async runProbe(): Promise<boolean> {
    if (this.state === 'up') return true;
    try {
      await this.deps.probe(this.state === 'full');
    } catch (error) {
      this.lastError = errorText(error);
      return false;
    }
    if (this.stopped) return false;
    clearInterval(this.timer);
    this.timer = undefined;
    this.state = 'up';
    this.since = this.deps.now();
    this.deps.logger.info(`${this.deps.label} is up again`);
    this.emitter.emit('change', this.snapshot());
    await this.deps.recovered().catch(() => undefined);
    return true;
  }
}
