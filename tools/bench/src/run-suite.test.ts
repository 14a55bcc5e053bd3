import { describe, expect, it } from 'vitest';
import { collectCases, defineSuite, isSuite } from './define-suite.js';
import { runSuite } from './run-suite.js';

const fast = { minRuns: 5, minTimeMs: 1, warmupRuns: 1 };
const spin = (n: number) => () => {
  let x = 0;
  for (let i = 0; i < n; i++) x += i;
  return x;
};

describe('collectCases', () => {
  it('compares a case with the latest baseline declared before it, or the one it names', () => {
    const cases = collectCases((s) => {
      s.baseline('a', spin(1));
      s.add('a2', spin(1));
      s.baseline('b', spin(1));
      s.add('b2', spin(1));
      s.add('a3', spin(1), { baseline: 'a' });
    });
    expect(cases.map((c) => [c.name, c.baseline ?? null])).toEqual([
      ['a', null],
      ['a2', 'a'],
      ['b', null],
      ['b2', 'b'],
      ['a3', 'a'],
    ]);
  });

  it('rejects unknown baselines, duplicate names and empty suites', () => {
    expect(() => collectCases((s) => s.add('x', spin(1), { baseline: 'nope' }))).toThrow(/not a baseline/);
    expect(() =>
      collectCases((s) => {
        s.baseline('x', spin(1));
        s.add('x', spin(1));
      }),
    ).toThrow(/Duplicate/);
    expect(() => collectCases(() => {})).toThrow(/at least one case/);
  });
});

describe('runSuite', () => {
  it('runs setup once, times every case and compares it with its baseline', async () => {
    let setups = 0;
    let teardowns = 0;
    const suite = defineSuite(
      {
        name: 'spin',
        ...fast,
        setup: () => {
          setups++;
          return { n: 20_000 };
        },
        teardown: () => {
          teardowns++;
        },
      },
      (s, { n }) => {
        s.baseline('slow', spin(n * 20), { bytes: 1000 });
        s.add('quick', spin(n), { measure: () => ({ before: 200, after: 50 }) });
        s.add('async', async () => spin(n)(), { minRuns: 7 });
      },
    );
    expect(isSuite(suite)).toBe(true);

    const result = await runSuite(suite, { file: 'x.bench.ts' });
    expect(setups).toBe(1);
    expect(teardowns).toBe(1);
    expect(result.name).toBe('spin');
    expect(result.file).toBe('x.bench.ts');
    const [slow, quick, async] = result.cases;
    expect(slow).toMatchObject({ name: 'slow', isBaseline: true, bytes: 1000 });
    expect(slow!.mbPerSec).toBeCloseTo(1000 / 1e6 / (slow!.medianNs / 1e9));
    expect(slow!.speedup).toBeUndefined();
    expect(quick).toMatchObject({ baseline: 'slow', reduction: 0.75, measure: { before: 200, after: 50 } });
    expect(quick!.speedup).toBeGreaterThan(1);
    expect(quick!.runs).toBeGreaterThanOrEqual(5);
    expect(async!.runs).toBeGreaterThanOrEqual(7);
    expect(quick!.p95Ns).toBeGreaterThanOrEqual(quick!.medianNs);
  });

  it('stops at maxRuns', async () => {
    const suite = defineSuite(
      { name: 'capped', minRuns: 100, maxRuns: 10, minTimeMs: 1, warmupRuns: 0 },
      (s) => {
        s.add('x', spin(10));
      },
    );
    expect((await runSuite(suite)).cases[0]!.runs).toBe(10);
  });

  it('tears down even when a case throws', async () => {
    let teardowns = 0;
    const suite = defineSuite({ name: 'boom', ...fast, teardown: () => void teardowns++ }, (s) => {
      s.add('x', () => {
        throw new Error('boom');
      });
    });
    await expect(runSuite(suite)).rejects.toThrow('boom');
    expect(teardowns).toBe(1);
  });
});
