import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { LoadMonitor } from './load-monitor.js';

function block(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // a synchronous stall, as a CPU-bound transform on the event loop would cause
  }
}

describe('LoadMonitor', () => {
  it('reports a full worker queue as overload', () => {
    let depth = 0;
    const m = new LoadMonitor({ queueDepth: () => depth, maxQueueDepth: 4 });
    try {
      expect(m.overloaded()).toBe(false);
      depth = 4;
      expect(m.overloaded()).toBe(true);
    } finally {
      m.close();
    }
  });

  it('judges the event-loop delay p99 of the last full window, and recovers when the loop is idle', async () => {
    const m = new LoadMonitor({ queueDepth: () => 0, windowMs: 300 });
    try {
      // Stall the loop for most of a window: every delay sample in it is late by ~80 ms.
      for (let i = 0; i < 4; i++) {
        block(80);
        await sleep(1);
      }
      await sleep(320 - 4 * 80);
      expect(m.overloaded()).toBe(true);
      expect(m.loopDelayP99Ms).toBeGreaterThan(50);
      // An idle window reads low again (a few windows allowed on a busy CI machine).
      let overloaded = true;
      for (let i = 0; i < 5 && overloaded; i++) {
        await sleep(350);
        overloaded = m.overloaded();
      }
      expect(overloaded).toBe(false);
    } finally {
      m.close();
    }
  });

  it('ignores the loop when its limit is 0, and forgets start-up stalls on reset', async () => {
    const off = new LoadMonitor({ queueDepth: () => 0, windowMs: 50, maxLoopDelayP99Ms: 0 });
    const on = new LoadMonitor({ queueDepth: () => 0, windowMs: 50 });
    try {
      block(120);
      await sleep(60);
      expect(off.overloaded()).toBe(false);
      on.reset();
      await sleep(60);
      expect(on.loopDelayP99Ms).toBeLessThan(120);
    } finally {
      off.close();
      on.close();
    }
  });
});
