import { type JsonObject, RawNumber } from '@headroom/core';

const MAX_DISTINCT = 2048;
const SAMPLE = 20;

export type ValueKind = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'null';

export function kindOf(v: unknown): ValueKind {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number' || v instanceof RawNumber) return 'number';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'object' ? 'object' : (typeof v as 'string' | 'boolean');
}

export function numberOf(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (v instanceof RawNumber) {
    const n = Number(v.raw);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** One top-level key of an object array, measured in a single pass. */
export interface FieldStats {
  readonly key: string;
  present: number;
  /** Kind of the first non-null value. */
  kind: ValueKind;
  /** Counts per canonical value, up to 2,048 distinct values. */
  readonly distinct: Map<DistinctKey, number>;
  highCardinality: boolean;
  /** Per item (index-aligned), NaN where absent or not a finite number. */
  readonly numbers: Float64Array;
  numericCount: number;
  mean: number;
  m2: number;
  min: number;
  max: number;
  allIntegers: boolean;
  stringCount: number;
  totalStringLength: number;
  /** First 20 non-null values in order. */
  readonly sample: unknown[];
}

export function uniqueRatio(f: FieldStats): number {
  if (f.present === 0) return 0;
  return f.highCardinality ? 1 : f.distinct.size / f.present;
}

export function variance(f: FieldStats): number {
  return f.numericCount > 1 ? f.m2 / (f.numericCount - 1) : 0;
}

export function meanStringLength(f: FieldStats): number {
  return f.stringCount === 0 ? 0 : f.totalStringLength / f.stringCount;
}

export type DistinctKey = string | number | boolean;

/**
 * Distinct-value key of a field value. Primitives are their own Map keys (so "1" and 1 differ,
 * with no string building per value); objects and big numbers become tagged JSON.
 */
export function distinctKey(v: unknown): DistinctKey {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof RawNumber) return `\u0000n${v.raw}`;
  return `\u0000o${JSON.stringify(v)}`;
}

function newField(key: string, n: number): FieldStats {
  return {
    key,
    present: 0,
    kind: 'null',
    distinct: new Map(),
    highCardinality: false,
    numbers: new Float64Array(n).fill(Number.NaN),
    numericCount: 0,
    mean: 0,
    m2: 0,
    min: Number.POSITIVE_INFINITY,
    max: Number.NEGATIVE_INFINITY,
    allIntegers: true,
    stringCount: 0,
    totalStringLength: 0,
    sample: [],
  };
}

/** Field statistics of the top-level keys of an object array (Welford for numbers). */
export function fieldStats(items: readonly JsonObject[]): Map<string, FieldStats> {
  const n = items.length;
  const fields = new Map<string, FieldStats>();
  // Fields by position in the previous item: same-shaped rows skip the map lookup per key.
  const byPosition: FieldStats[] = [];
  for (let i = 0; i < n; i++) {
    const item = items[i]!;
    let position = 0;
    for (const key in item) {
      const v = item[key];
      let f = byPosition[position];
      if (f === undefined || f.key !== key) {
        f = fields.get(key);
        if (!f) {
          f = newField(key, n);
          fields.set(key, f);
        }
        byPosition[position] = f;
      }
      position++;
      f.present++;
      if (v === null) continue;
      if (f.kind === 'null') f.kind = kindOf(v);
      if (f.sample.length < SAMPLE) f.sample.push(v);
      if (!f.highCardinality) {
        const c = distinctKey(v);
        f.distinct.set(c, (f.distinct.get(c) ?? 0) + 1);
        if (f.distinct.size >= MAX_DISTINCT) f.highCardinality = true;
      }
      if (typeof v === 'string') {
        f.stringCount++;
        f.totalStringLength += v.length;
        continue;
      }
      const x = numberOf(v);
      if (x === undefined) continue;
      f.numbers[i] = x;
      f.numericCount++;
      const delta = x - f.mean;
      f.mean += delta / f.numericCount;
      f.m2 += delta * (x - f.mean);
      if (x < f.min) f.min = x;
      if (x > f.max) f.max = x;
      if (!Number.isInteger(x)) f.allIntegers = false;
    }
  }
  return fields;
}
