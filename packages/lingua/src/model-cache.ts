import { inferenceQueue } from './inference-queue.js';

/** What the cache holds: anything with an async `dispose` that releases its ONNX sessions. */
export interface Disposable {
  dispose(): Promise<void>;
}

interface Slot<T> {
  promise: Promise<T>;
  value?: T;
  failedAt?: number;
}

/**
 * Loaded models by key (`model|device|dtype`). Concurrent first calls share one load; a failed load
 * is remembered and answered from memory for `retryAfterMs`, so a missing model costs no file
 * system or network access per request.
 */
export class ModelCache<T extends Disposable> {
  private readonly slots = new Map<string, Slot<T>>();

  constructor(private readonly now: () => number = Date.now) {}

  get(key: string, load: () => Promise<T>, retryAfterMs: number): Promise<T> {
    const known = this.slots.get(key);
    if (known && (known.failedAt === undefined || this.now() - known.failedAt < retryAfterMs)) {
      return known.promise;
    }
    const slot: Slot<T> = { promise: load() };
    slot.promise.then(
      (value) => {
        slot.value = value;
      },
      () => {
        slot.failedAt = this.now();
      },
    );
    this.slots.set(key, slot);
    return slot.promise;
  }

  /** True iff some model finished loading and is still held. */
  isLoaded(): boolean {
    for (const slot of this.slots.values()) if (slot.value !== undefined) return true;
    return false;
  }

  /**
   * Forgets every model now (the next call reloads) and disposes them once the inference already
   * queued has run, so no session is released under a running job.
   */
  async unload(): Promise<void> {
    const pending = [...this.slots.values()].map((s) => s.promise.catch(() => undefined));
    this.slots.clear();
    const models = (await Promise.all(pending)).filter((m): m is Awaited<T> => m !== undefined);
    if (models.length === 0) return;
    await inferenceQueue.enqueue(async () => {
      await Promise.all(models.map((m) => m.dispose()));
    });
  }
}
