import { HeadroomError } from '@headroom/core';

interface Job {
  run: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  signal: AbortSignal | undefined;
}

/**
 * One model inference at a time, first in first out, for every model of this package: ONNX
 * Runtime already spreads one run over all cores, so two concurrent runs only oversubscribe them
 * (the reference proxy saw its queue saturate that way). Queued jobs whose caller gave up are
 * skipped without running.
 */
export class InferenceQueue {
  private readonly waiting: Job[] = [];
  private running = false;

  /** Jobs queued behind the running one. */
  get depth(): number {
    return this.waiting.length;
  }

  /**
   * Runs `job` after the jobs before it; `undefined` (nothing queued) when `maxWaiting` jobs already
   * wait. A job whose `signal` aborts before it starts rejects with `ABORTED`.
   */
  enqueue<T>(
    job: () => Promise<T>,
    opts: { maxWaiting?: number; signal?: AbortSignal } = {},
  ): Promise<T> | undefined {
    const { maxWaiting = Number.POSITIVE_INFINITY, signal } = opts;
    if (this.running && this.waiting.length >= maxWaiting) return undefined;
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ run: job, resolve: resolve as (v: unknown) => void, reject, signal });
      this.pump();
    });
  }

  private pump(): void {
    if (this.running) return;
    const job = this.waiting.shift();
    if (!job) return;
    if (job.signal?.aborted) {
      job.reject(new HeadroomError('ABORTED', 'Inference cancelled before it started'));
      this.pump();
      return;
    }
    this.running = true;
    job
      .run()
      .then(job.resolve, job.reject)
      .finally(() => {
        this.running = false;
        this.pump();
      });
  }
}

/** The process-wide queue every model of this package runs through. */
export const inferenceQueue = new InferenceQueue();
