import { describe, expect, it } from 'vitest';
import { bodyLimits } from './budget.js';
import type { Unit } from './units.js';

const unit = (bodyLines: number, parent?: Unit) => ({ bodyLines, parent }) as Unit;

describe('bodyLimits', () => {
  it('gives every body 0 lines when what lies outside bodies already exceeds the target', () => {
    const units = [unit(20), unit(30)];
    const limits = bodyLimits({
      elidable: units,
      totalLines: 100,
      targetCompressionRate: 0.2,
      maxBodyLines: 5,
      importance: () => [1, 1],
    });
    expect([...limits.values()]).toEqual([0, 0]);
  });

  it('shares the rest by importance times own lines, capped at maxBodyLines', () => {
    const outer = unit(60);
    const inner = unit(20, outer);
    const other = unit(30);
    const limits = bodyLimits({
      elidable: [outer, inner, other],
      totalLines: 100,
      targetCompressionRate: 0.3,
      maxBodyLines: 5,
      importance: () => [1, 0, 0.5],
    });
    // Target 30 lines, 10 outside bodies: 20 shared by weights 40, 1 and 15.
    expect(limits.get(outer)).toBe(5);
    expect(limits.get(inner)).toBe(0);
    expect(limits.get(other)).toBe(5);
  });
});
