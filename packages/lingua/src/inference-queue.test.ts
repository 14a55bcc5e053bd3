import { isHeadroomError } from '@headroom/core';
import { describe, expect, it } from 'vitest';
import { InferenceQueue } from './inference-queue.js';

const later = <T>(value: T, ms = 5) => new Promise<T>((r) => setTimeout(() => r(value), ms));

describe('InferenceQueue', () => {
  it('runs one job at a time, first in first out', async () => {
    const q = new InferenceQueue();
    const order: string[] = [];
    let running = 0;
    let peak = 0;
    const job = (name: string) => async () => {
      running++;
      peak = Math.max(peak, running);
      order.push(`start ${name}`);
      await later(null);
      order.push(`end ${name}`);
      running--;
      return name;
    };
    const results = await Promise.all(['a', 'b', 'c'].map((n) => q.enqueue(job(n))));
    expect(results).toEqual(['a', 'b', 'c']);
    expect(peak).toBe(1);
    expect(order).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('refuses a job when maxWaiting jobs already wait', async () => {
    const q = new InferenceQueue();
    const first = q.enqueue(() => later(1));
    const second = q.enqueue(() => later(2), { maxWaiting: 1 });
    expect(q.depth).toBe(1);
    expect(q.enqueue(() => later(3), { maxWaiting: 1 })).toBeUndefined();
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect(q.enqueue(() => later(4), { maxWaiting: 0 })).toBeDefined();
  });

  it('skips a queued job whose signal aborted, and survives a failing job', async () => {
    const q = new InferenceQueue();
    const controller = new AbortController();
    let ran = false;
    const failing = q.enqueue(() => Promise.reject(new Error('boom')));
    const skipped = q.enqueue(
      async () => {
        ran = true;
      },
      { signal: controller.signal },
    );
    controller.abort();
    await expect(failing).rejects.toThrow('boom');
    await expect(skipped).rejects.toSatisfy((e) => isHeadroomError(e, 'ABORTED'));
    expect(ran).toBe(false);
    expect(await q.enqueue(() => later('next'))).toBe('next');
  });
});
