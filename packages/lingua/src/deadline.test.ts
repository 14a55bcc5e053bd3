import { describe, expect, it } from 'vitest';
import { withDeadline } from './deadline.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('withDeadline', () => {
  it('returns the value when the work finishes in time', async () => {
    expect(await withDeadline(async () => 42, 1000)).toEqual({ ok: true, value: 42 });
  });

  it('times out, aborts the work signal and discards a late failure', async () => {
    let signal: AbortSignal | undefined;
    const outcome = await withDeadline(async (s) => {
      signal = s;
      await sleep(50);
      throw new Error('late');
    }, 5);
    expect(outcome).toEqual({ ok: false, reason: 'timeout' });
    expect(signal?.aborted).toBe(true);
    await sleep(60);
  });

  it("answers the caller's abort, before or during the work", async () => {
    const before = new AbortController();
    before.abort();
    expect(await withDeadline(async () => 1, 1000, before.signal)).toEqual({ ok: false, reason: 'aborted' });
    const during = new AbortController();
    setTimeout(() => during.abort(), 5);
    expect(await withDeadline(() => sleep(100).then(() => 1), 1000, during.signal)).toEqual({
      ok: false,
      reason: 'aborted',
    });
  });

  it('passes a failure of the work through', async () => {
    await expect(withDeadline(() => Promise.reject(new Error('bad')), 1000)).rejects.toThrow('bad');
  });
});
