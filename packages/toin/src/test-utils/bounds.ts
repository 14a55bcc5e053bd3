import { expect } from 'vitest';
import type { ToinState } from '../codec.js';
import { LIMITS } from '../limits.js';
import type { PatternState } from '../pattern.js';
import type { Toin } from '../toin.js';

const size = (o: object) => Object.keys(o).length;

function checkPattern(p: PatternState, maxFields: number): void {
  expect(size(p.fields)).toBeLessThanOrEqual(maxFields);
  expect(size(p.strategies)).toBeLessThanOrEqual(LIMITS.strategies);
  expect(size(p.queries)).toBeLessThanOrEqual(LIMITS.queryPatterns);
  for (const f of Object.values(p.fields)) {
    expect(size(f.top)).toBeLessThanOrEqual(LIMITS.topValues);
    expect(size(f.retrieved)).toBeLessThanOrEqual(LIMITS.retrievedValues);
  }
}

/** Invariant 4: patterns within `maxPatterns`, every per-pattern list within its bound. */
export function expectWithinBounds(toin: Toin, state: ToinState = toin.export()): void {
  const { maxPatterns, maxFieldsPerPattern } = toin.config;
  const stats = toin.stats();
  expect(stats.patterns).toBeLessThanOrEqual(maxPatterns);
  expect(stats.snapshot.patterns).toBeLessThanOrEqual(maxPatterns);
  const all = [state.patterns, ...Object.values(state.peers ?? {}).map((p) => p.patterns)];
  const keys = new Set(all.flatMap((m) => Object.keys(m)));
  expect(keys.size).toBeLessThanOrEqual(maxPatterns);
  for (const m of all) for (const p of Object.values(m)) checkPattern(p, maxFieldsPerPattern);
}
