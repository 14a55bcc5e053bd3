import { describe, expect, it } from 'vitest';
import { median, percentile, summarize } from './stats.js';

const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('median', () => {
  it('is the middle value of an odd count, in any order', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([7])).toBe(7);
  });

  it('is the mean of the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('does not reorder its input', () => {
    const samples = [3, 1, 2];
    median(samples);
    expect(samples).toEqual([3, 1, 2]);
  });

  it('rejects an empty sample', () => {
    expect(() => median([])).toThrow(RangeError);
  });
});

describe('percentile (nearest rank)', () => {
  it('gives p95 of 1..100 as 95 and of 1..20 as 19', () => {
    expect(percentile(oneTo(100), 95)).toBe(95);
    expect(percentile(oneTo(20), 95)).toBe(19);
  });

  it('gives the maximum at p100 and for small samples', () => {
    expect(percentile(oneTo(10), 100)).toBe(10);
    expect(percentile([2, 9, 4], 95)).toBe(9);
  });

  it('rejects percentiles outside (0, 100]', () => {
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe('summarize', () => {
  it('reports runs, median, p95, min and mean', () => {
    expect(summarize([...oneTo(100)].reverse())).toEqual({
      runs: 100,
      medianNs: 50.5,
      p95Ns: 95,
      minNs: 1,
      meanNs: 50.5,
    });
  });
});
