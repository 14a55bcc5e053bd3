import { afterEach, describe, expect, it, vi } from 'vitest';
import { getToin, resetToin } from './singleton.js';

afterEach(async () => {
  vi.restoreAllMocks();
  await resetToin();
});

describe('getToin', () => {
  it('returns one instance per process until reset', async () => {
    const a = getToin({ minSamplesForRecommendation: 5 });
    expect(getToin()).toBe(a);
    expect(getToin({ minSamplesForRecommendation: 5 })).toBe(a);
    expect(a.config.minSamplesForRecommendation).toBe(5);
    expect(a.config.backend).toBe('memory');
    await resetToin();
    expect(getToin()).not.toBe(a);
  });

  it('a different config keeps the instance and warns', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const a = getToin({ maxPatterns: 10 });
    expect(getToin({ maxPatterns: 20 })).toBe(a);
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('different config'),
      expect.objectContaining({ code: 'TOIN_CONFIG_MISMATCH' }),
    );
  });
});
