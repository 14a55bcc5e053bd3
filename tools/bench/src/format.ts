/** Deterministic number formatting for tables: fixed decimals, no locale. */
import type { Measure } from './define-suite.js';

/** `1234567.8` → `1,234,568` with `decimals` 0; the integer part is grouped by thousands. */
export function formatNumber(value: number, decimals = 0): string {
  const [int = '0', frac] = Math.abs(value).toFixed(decimals).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${value < 0 && Number(value.toFixed(decimals)) !== 0 ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}

/** Nanoseconds in the largest unit that keeps the value ≥ 1: `ns`, `µs`, `ms` or `s`, 2 decimals. */
export function formatDuration(ns: number): string {
  if (ns < 1e3) return `${ns.toFixed(0)} ns`;
  if (ns < 1e6) return `${(ns / 1e3).toFixed(2)} µs`;
  if (ns < 1e9) return `${(ns / 1e6).toFixed(2)} ms`;
  return `${(ns / 1e9).toFixed(2)} s`;
}

/** MB/s with one decimal when the input size is known, else runs per second. */
export function formatThroughput(r: { opsPerSec: number; mbPerSec?: number }): string {
  if (r.mbPerSec !== undefined) return `${formatNumber(r.mbPerSec, 1)} MB/s`;
  return `${formatNumber(r.opsPerSec, r.opsPerSec < 100 ? 1 : 0)} ops/s`;
}

/** Baseline median ÷ case median as `4.81× faster` or `1.25× slower`. */
export function formatSpeedup(speedup: number): string {
  return speedup >= 1 ? `${speedup.toFixed(2)}× faster` : `${(1 / speedup).toFixed(2)}× slower`;
}

/** `37.5% (1,000 → 625 tokens)`; negative when the output grew. */
export function formatReduction(measure: Measure): string {
  const pct = (1 - measure.after / measure.before) * 100;
  const unit = measure.unit ?? 'tokens';
  return `${formatNumber(pct, 1)}% (${formatNumber(measure.before)} → ${formatNumber(measure.after)} ${unit})`;
}
