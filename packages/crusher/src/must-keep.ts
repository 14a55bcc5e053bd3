import { anchorMatches, fieldHash, isErrorItem, type JsonObject, valueHash } from '@headroom/core';
import type { FieldRoles } from './field-roles.js';
import { distinctKey, type FieldStats, valueCounts } from './field-stats.js';
import type { ItemTexts } from './item-texts.js';
import type { Advice } from './types.js';

/** Why an item is kept regardless of k. */
export type MustKeepReason =
  | 'first'
  | 'last'
  | 'error'
  | 'outlier'
  | 'anomaly'
  | 'anchor'
  | 'toin'
  | 'change';

export interface MustKeepConfig {
  keepFirst: number;
  keepLast: number;
  preserveErrors: boolean;
  rareKeyFraction: number;
  rareValueFraction: number;
  anomalyStdThreshold: number;
  preserveChangePoints: boolean;
  changePointWindow: number;
}

/** Must-keep indexes with their first reason; insertion order is irrelevant (output is in input order). */
export class MustKeep {
  readonly reasons = new Map<number, MustKeepReason>();
  add(i: number, reason: MustKeepReason): void {
    if (!this.reasons.has(i)) this.reasons.set(i, reason);
  }
  has(i: number): boolean {
    return this.reasons.has(i);
  }
  get size(): number {
    return this.reasons.size;
  }
  counts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.reasons.values()) out[r] = (out[r] ?? 0) + 1;
    return out;
  }
}

export function keepEnds(m: MustKeep, n: number, first: number, last: number): void {
  for (let i = 0; i < Math.min(first, n); i++) m.add(i, 'first');
  for (let i = Math.max(0, n - last); i < n; i++) m.add(i, 'last');
}

/** Indexes of values more than `threshold` sample standard deviations from the mean. */
export function zOutliers(values: ArrayLike<number>, threshold: number): number[] {
  let count = 0;
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (Number.isNaN(x)) continue;
    count++;
    const d = x - mean;
    mean += d / count;
    m2 += d * (x - mean);
  }
  if (count < 8) return [];
  const sd = Math.sqrt(m2 / (count - 1));
  if (!(sd > 0)) return [];
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (!Number.isNaN(x) && Math.abs(x - mean) > threshold * sd) out.push(i);
  }
  return out;
}

/**
 * Change points of a series: index i in [w, n−w] where the means of the w values before and after
 * differ by more than `threshold` σ; each run of such indexes yields its peak, and peaks are at
 * least w apart. σ is the noise level (from the mean absolute first difference), not the series'
 * global σ: a level shift inflates the global σ until the shift itself can never exceed 2σ.
 */
export function changePoints(values: ArrayLike<number>, window: number, threshold: number): number[] {
  const xs = Array.from(values);
  const n = xs.length;
  if (xs.some(Number.isNaN) || n < 2 * window) return [];
  let absDiff = 0;
  for (let i = 1; i < n; i++) absDiff += Math.abs(xs[i]! - xs[i - 1]!);
  const noise = ((absDiff / (n - 1)) * Math.sqrt(Math.PI)) / 2;
  if (!(noise > 0)) return [];
  const prefix = [0];
  for (const x of xs) prefix.push(prefix[prefix.length - 1]! + x);
  const windowMean = (from: number) => (prefix[from + window]! - prefix[from]!) / window;
  const out: number[] = [];
  let peak = -1;
  let peakGap = 0;
  const close = () => {
    if (peak >= 0 && (out.length === 0 || peak - out[out.length - 1]! >= window)) out.push(peak);
    peak = -1;
    peakGap = 0;
  };
  for (let i = window; i <= n - window; i++) {
    const gap = Math.abs(windowMean(i) - windowMean(i - window));
    if (gap > threshold * noise) {
      if (gap > peakGap) {
        peak = i;
        peakGap = gap;
      }
    } else close();
  }
  close();
  return out;
}

/** Numeric fields that describe content: not the ID, not temporal, present in at least half the items. */
export function contentNumericFields(
  fields: Map<string, FieldStats>,
  roles: FieldRoles,
  n: number,
): FieldStats[] {
  return [...fields.values()].filter(
    (f) => f.kind === 'number' && f !== roles.id && !roles.temporal.has(f.key) && f.numericCount >= 0.5 * n,
  );
}

export interface Signals {
  errors: number;
  outliers: number;
  anomalies: number;
  changes: number;
}

/** Fills M with the items that must survive (§4.3 d) and returns which signals were found. */
export function collectMustKeep(
  m: MustKeep,
  items: readonly JsonObject[],
  fields: Map<string, FieldStats>,
  roles: FieldRoles,
  cfg: MustKeepConfig,
  extras: {
    anchors: readonly string[];
    /** The items' texts: error screen and anchor search (else each item is checked alone). */
    texts?: ItemTexts;
    advice?: Advice;
    query?: string;
  },
): Signals {
  const n = items.length;
  const signals: Signals = { errors: 0, outliers: 0, anomalies: 0, changes: 0 };
  keepEnds(m, n, cfg.keepFirst, cfg.keepLast);

  if (cfg.preserveErrors) {
    const { texts } = extras;
    for (let i = 0; i < n; i++) {
      if (texts ? texts.isError(i) : isErrorItem(items[i])) {
        m.add(i, 'error');
        signals.errors++;
      }
    }
  }

  const rareKeys = [...fields.values()].filter((f) => f.present < cfg.rareKeyFraction * n);
  for (const f of rareKeys) {
    items.forEach((item, i) => {
      if (f.key in item) {
        m.add(i, 'outlier');
        signals.outliers++;
      }
    });
  }
  for (const f of roles.categorical) {
    const distinct = f.present < 0.8 * n ? undefined : valueCounts(f, 50);
    if (distinct === undefined) continue;
    const counts = [...distinct.values()];
    if (Math.max(...counts) < 0.5 * n) continue;
    const rare = new Set([...distinct].filter(([, c]) => c <= cfg.rareValueFraction * n).map(([v]) => v));
    if (rare.size === 0) continue;
    items.forEach((item, i) => {
      const v = item[f.key];
      if (v !== undefined && v !== null && rare.has(distinctKey(v))) {
        m.add(i, 'outlier');
        signals.outliers++;
      }
    });
  }

  const numeric = contentNumericFields(fields, roles, n);
  for (const f of numeric) {
    for (const i of zOutliers(f.numbers, cfg.anomalyStdThreshold)) {
      m.add(i, 'anomaly');
      signals.anomalies++;
    }
  }

  if (extras.anchors.length > 0) {
    for (const i of anchorMatches(items, extras.anchors, { lowerDocs: extras.texts?.lowerDocs() }))
      m.add(i, 'anchor');
  }

  if (extras.advice) keepAdvised(m, items, extras.advice, extras.query);

  if (roles.pattern === 'time_series' && cfg.preserveChangePoints) {
    for (const f of numeric) {
      for (const c of changePoints(f.numbers, cfg.changePointWindow, cfg.anomalyStdThreshold)) {
        for (const i of [c - 1, c, c + 1]) if (i >= 0 && i < n) m.add(i, 'change');
        signals.changes++;
      }
    }
  }
  return signals;
}

/** TOIN advice can only add: items holding an important value, or a query word in a preserved field. */
function keepAdvised(m: MustKeep, items: readonly JsonObject[], advice: Advice, query = ''): void {
  const important = new Set(advice.importantValues.map((v) => `${v.field}:${v.value}`));
  const preserved = new Set(advice.preserveFields);
  const words = query.toLowerCase();
  items.forEach((item, i) => {
    for (const key in item) {
      const fh = fieldHash(key);
      const v = item[key];
      if (important.size > 0 && important.has(`${fh}:${valueHash(v)}`)) m.add(i, 'toin');
      else if (
        preserved.has(fh) &&
        typeof v === 'string' &&
        v.length > 2 &&
        words.includes(v.toLowerCase())
      ) {
        m.add(i, 'toin');
      }
    }
  });
}
