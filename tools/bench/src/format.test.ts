import { describe, expect, it } from 'vitest';
import { formatDuration, formatNumber, formatReduction, formatSpeedup, formatThroughput } from './format.js';

describe('formatNumber', () => {
  it('groups thousands and keeps fixed decimals', () => {
    expect(formatNumber(1234567.891)).toBe('1,234,568');
    expect(formatNumber(1234.5, 1)).toBe('1,234.5');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(-12345.67, 2)).toBe('-12,345.67');
    expect(formatNumber(-0.01, 1)).toBe('0.0');
  });
});

describe('formatDuration', () => {
  it('picks ns, µs, ms or s with two decimals', () => {
    expect(formatDuration(532)).toBe('532 ns');
    expect(formatDuration(1_500)).toBe('1.50 µs');
    expect(formatDuration(12_345_678)).toBe('12.35 ms');
    expect(formatDuration(2_000_000_000)).toBe('2.00 s');
  });
});

describe('formatSpeedup', () => {
  it('words ratios as faster or slower than the baseline', () => {
    expect(formatSpeedup(4.8)).toBe('4.80× faster');
    expect(formatSpeedup(1)).toBe('1.00× faster');
    expect(formatSpeedup(0.5)).toBe('2.00× slower');
  });
});

describe('formatThroughput', () => {
  it('prefers MB/s and falls back to ops/s', () => {
    expect(formatThroughput({ opsPerSec: 10, mbPerSec: 1234.56 })).toBe('1,234.6 MB/s');
    expect(formatThroughput({ opsPerSec: 12345.4 })).toBe('12,345 ops/s');
    expect(formatThroughput({ opsPerSec: 2.54 })).toBe('2.5 ops/s');
  });
});

describe('formatReduction', () => {
  it('shows the percentage and the sizes, tokens by default', () => {
    expect(formatReduction({ before: 1000, after: 625 })).toBe('37.5% (1,000 → 625 tokens)');
    expect(formatReduction({ before: 200, after: 210, unit: 'bytes' })).toBe('-5.0% (200 → 210 bytes)');
  });
});
