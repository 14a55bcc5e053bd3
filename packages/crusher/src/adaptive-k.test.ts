import { describe, expect, it } from 'vitest';
import { adaptiveK, strideSample } from './adaptive-k.js';
import { changePoints, zOutliers } from './must-keep.js';

const strings = (xs: string[]) => ({
  n: xs.length,
  serialized: (i: number) => xs[i]!,
  text: (i: number) => xs[i]!,
});
const opts = { minK: 3, maxK: 50, bias: 1 };

describe('adaptive k', () => {
  it('21. few shapes give a small k, distinct items a large one, bias scales, the cap holds', () => {
    expect(adaptiveK(strings(Array(20).fill('same line')), opts)).toBeLessThanOrEqual(3);
    const distinct = Array.from(
      { length: 20 },
      (_, i) =>
        `${'alpha beta gamma delta epsilon'.split(' ')[i % 5]} item${String.fromCharCode(97 + i)} text`,
    );
    expect(adaptiveK(strings(distinct), opts)).toBeGreaterThanOrEqual(14);
    const many = Array.from(
      { length: 400 },
      (_, i) =>
        `entry ${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + ((i / 26) | 0))} ${i % 7 === 0 ? 'rare words here' : 'common text'}`,
    );
    const k = (bias: number) => adaptiveK(strings(many), { ...opts, bias });
    expect(k(1.5)).toBeGreaterThanOrEqual(k(1));
    expect(k(1)).toBeGreaterThanOrEqual(k(0.7));
    expect(k(1.5)).toBeLessThanOrEqual(50);
  });

  it('samples at most 256 indexes spread over the array', () => {
    const s = strideSample(10_000);
    expect(s).toHaveLength(256);
    expect(s[0]).toBe(0);
    expect(s.at(-1)).toBeGreaterThan(9_900);
    expect(strideSample(5)).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('signals', () => {
  it('finds z-score outliers only with enough data and spread', () => {
    expect(zOutliers([1, 1, 1, 1, 1, 1, 1, 50, 1, 1], 2)).toEqual([7]);
    expect(zOutliers([1, 50, 1], 2)).toEqual([]);
    expect(zOutliers(Array(10).fill(3), 2)).toEqual([]);
  });

  it('finds a level shift at its peak, not where the windows first overlap it', () => {
    const series = Array.from({ length: 100 }, (_, i) => (i < 60 ? 30 : 85) + (i % 3));
    expect(changePoints(series, 5, 2)).toEqual([60]);
    expect(
      changePoints(
        Array.from({ length: 100 }, (_, i) => 30 + (i % 3)),
        5,
        2,
      ),
    ).toEqual([]);
  });
});
