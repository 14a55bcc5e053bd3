import { Worker } from 'node:worker_threads';
import type { CompressReply, CompressTask } from './task.js';

export interface WorkerPoolOptions {
  size: number;
  /** A worker busy on one task this long is terminated and replaced (proxy.md §10). */
  hardKillMs: number;
  /** The worker script (default: compress-worker next to this module). */
  entry?: URL;
}

type Settle = (reply: CompressReply) => void;

interface Queued {
  task: CompressTask;
  settle: Settle;
  signal: AbortSignal;
}

interface Slot {
  worker: Worker;
  busy?: { id: number; settle: Settle; timer: NodeJS.Timeout };
}

/**
 * A lazily started pool of compression workers. Tasks queue until a worker is free; an aborted
 * request's queued task is dropped; a crashed or stuck worker fails its task (the unit is sent
 * as received) and is replaced on the next task.
 */
export class WorkerPool {
  private readonly slots: (Slot | undefined)[];
  private readonly queue: Queued[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly opts: WorkerPoolOptions) {
    this.slots = Array.from({ length: opts.size }, () => undefined);
  }

  get queueDepth(): number {
    return this.queue.length;
  }

  run(task: Omit<CompressTask, 'id'>, signal: AbortSignal): Promise<CompressReply> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      if (this.closed || signal.aborted) return resolve({ id, ok: false, error: 'cancelled' });
      const queued: Queued = { task: { ...task, id }, settle: resolve, signal };
      signal.addEventListener(
        'abort',
        () => {
          const at = this.queue.indexOf(queued);
          if (at >= 0) {
            this.queue.splice(at, 1);
            resolve({ id, ok: false, error: 'cancelled' });
          }
        },
        { once: true },
      );
      this.queue.push(queued);
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const q of this.queue.splice(0)) q.settle({ id: q.task.id, ok: false, error: 'cancelled' });
    await Promise.all(this.slots.map((s, i) => (s ? this.retire(i, 'pool closed') : undefined)));
  }

  private pump(): void {
    for (let i = 0; i < this.slots.length && this.queue.length > 0; i++) {
      const slot = this.slots[i] ?? this.spawn(i);
      if (slot.busy) continue;
      const next = this.queue.shift()!;
      const timer = setTimeout(() => void this.retire(i, 'hard-kill'), this.opts.hardKillMs);
      timer.unref();
      slot.busy = { id: next.task.id, settle: next.settle, timer };
      slot.worker.postMessage(next.task);
    }
  }

  private spawn(i: number): Slot {
    const worker = startWorker(this.opts.entry);
    worker.unref();
    const slot: Slot = { worker };
    worker.on('message', (reply: CompressReply) => {
      const busy = slot.busy;
      if (!busy || busy.id !== reply.id) return;
      clearTimeout(busy.timer);
      slot.busy = undefined;
      busy.settle(reply);
      this.pump();
    });
    worker.on('error', () => void this.retire(i, 'worker-error'));
    worker.on('exit', () => {
      if (this.slots[i] === slot) void this.retire(i, 'worker-exit');
    });
    this.slots[i] = slot;
    return slot;
  }

  /** Fails the slot's task, terminates its worker and frees the slot for a fresh one. */
  private async retire(i: number, reason: string): Promise<void> {
    const slot = this.slots[i];
    if (!slot) return;
    this.slots[i] = undefined;
    if (slot.busy) {
      clearTimeout(slot.busy.timer);
      slot.busy.settle({ id: slot.busy.id, ok: false, error: reason });
    }
    await slot.worker.terminate();
    if (!this.closed) this.pump();
  }
}

/**
 * Built code runs the compiled worker; under the test runner (sources, `.ts`) the worker registers
 * tsx first, with the same source export condition.
 */
function startWorker(entry: URL | undefined): Worker {
  if (entry) return new Worker(entry);
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./compress-worker.js', import.meta.url));
  const script = new URL('./compress-worker.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(script)}); });`;
  return new Worker(boot, { eval: true, execArgv: ['--conditions=@headroom/source'] });
}
