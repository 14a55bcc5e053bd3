import { describe, expect, it } from 'vitest';
import { ModelCache } from './model-cache.js';

const model = () => {
  const m = { disposed: 0, dispose: async () => void m.disposed++ };
  return m;
};

describe('ModelCache', () => {
  it('shares one load between concurrent first calls', async () => {
    const cache = new ModelCache<ReturnType<typeof model>>();
    let loads = 0;
    const load = async () => {
      loads++;
      return model();
    };
    const got = await Promise.all(Array.from({ length: 10 }, () => cache.get('k', load, 0)));
    expect(loads).toBe(1);
    expect(new Set(got).size).toBe(1);
    expect(cache.isLoaded()).toBe(true);
  });

  it('remembers a failed load for retryAfterMs, then tries again', async () => {
    let now = 0;
    const cache = new ModelCache<ReturnType<typeof model>>(() => now);
    let loads = 0;
    const failing = async () => {
      loads++;
      throw new Error('missing');
    };
    await expect(cache.get('k', failing, 1000)).rejects.toThrow('missing');
    await expect(cache.get('k', failing, 1000)).rejects.toThrow('missing');
    expect(loads).toBe(1);
    expect(cache.isLoaded()).toBe(false);
    now = 1000;
    const m = await cache.get('k', async () => model(), 1000);
    expect(m.disposed).toBe(0);
    expect(cache.isLoaded()).toBe(true);
  });

  it('unload disposes every model and forgets it', async () => {
    const cache = new ModelCache<ReturnType<typeof model>>();
    const a = await cache.get('a', async () => model(), 0);
    const b = await cache.get('b', async () => model(), 0);
    await cache.unload();
    expect([a.disposed, b.disposed]).toEqual([1, 1]);
    expect(cache.isLoaded()).toBe(false);
    const again = await cache.get('a', async () => model(), 0);
    expect(again).not.toBe(a);
  });
});
