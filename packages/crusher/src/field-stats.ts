import { type JsonObject, RawNumber } from '@headroom/core';
import { DistinctSet } from './distinct-set.js';

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
  /** Distinct canonical values, counted up to 2,048 (then `highCardinality`). */
  distinctCount: number;
  /** The values with their counts, until `highCardinality` (see `valueCounts`). */
  seen: DistinctSet | undefined;
  highCardinality: boolean;
  /**
   * Per item (index-aligned), NaN where absent or not a finite number. Read-only: fields without
   * any number share one all-NaN array.
   */
  numbers: Float64Array;
  numericCount: number;
  mean: number;
  m2: number;
  min: number;
  max: number;
  allIntegers: boolean;
  stringCount: number;
  totalStringLength: number;
  /** Values JSON may write as nothing (undefined, functions, `toJSON`): byte floors then give up. */
  unusual: number;
  /** First 20 non-null values in order. */
  readonly sample: unknown[];
}

export function uniqueRatio(f: FieldStats): number {
  if (f.present === 0) return 0;
  return f.highCardinality ? 1 : f.distinctCount / f.present;
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

function newField(key: string, n: number, noNumbers: Float64Array): FieldStats {
  return {
    key,
    present: 0,
    kind: 'null',
    distinctCount: 0,
    seen: new DistinctSet(Math.min(n, MAX_DISTINCT)),
    highCardinality: false,
    numbers: noNumbers,
    numericCount: 0,
    mean: 0,
    m2: 0,
    min: Number.POSITIVE_INFINITY,
    max: Number.NEGATIVE_INFINITY,
    allIntegers: true,
    stringCount: 0,
    totalStringLength: 0,
    unusual: 0,
    sample: [],
  };
}

function countDistinct(f: FieldStats, c: DistinctKey): void {
  if (!f.seen!.add(c)) return;
  if (++f.distinctCount >= MAX_DISTINCT) {
    f.highCardinality = true;
    f.seen = undefined;
  }
}

/** Count per canonical value of a field with at most `max` distinct values, else undefined. */
export function valueCounts(f: FieldStats, max: number): Map<DistinctKey, number> | undefined {
  return f.seen && f.distinctCount <= max ? f.seen.counts() : undefined;
}

/** An object JSON.stringify writes as at least one byte: not undefined, a function or a `toJSON`. */
function isJsonLike(v: unknown): boolean {
  return (
    typeof v === 'object' &&
    v !== null &&
    (v instanceof RawNumber || typeof (v as { toJSON?: unknown }).toJSON !== 'function')
  );
}

/**
 * A lower bound on the summed compact JSON lengths of the rows, from their field statistics: per
 * row its braces and, per key, the quoted key, a colon and a comma (one short per row), and each
 * value (strings their quotes and characters, anything else at least one byte). Undefined unless
 * every row is a plain object and no value may be written as nothing.
 */
export function rowBytesFloor(
  fields: Map<string, FieldStats>,
  items: readonly JsonObject[],
): number | undefined {
  for (const item of items) {
    const proto = Object.getPrototypeOf(item);
    if (proto !== Object.prototype && proto !== null) return undefined; // toJSON, boxed values…
  }
  let bytes = items.length;
  for (const f of fields.values()) {
    if (f.unusual > 0) return undefined;
    bytes += f.present * (JSON.stringify(f.key).length + 2);
    bytes += f.totalStringLength + 2 * f.stringCount + (f.present - f.stringCount);
  }
  return bytes;
}

/** Field statistics of the top-level keys of an object array (Welford for numbers). */
export function fieldStats(items: readonly JsonObject[]): Map<string, FieldStats> {
  const n = items.length;
  const noNumbers = new Float64Array(n).fill(Number.NaN);
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
          f = newField(key, n, noNumbers);
          fields.set(key, f);
        }
        byPosition[position] = f;
      }
      position++;
      f.present++;
      if (v === null) continue;
      if (f.kind === 'null') f.kind = kindOf(v);
      if (f.sample.length < SAMPLE) f.sample.push(v);
      if (!f.highCardinality) countDistinct(f, distinctKey(v));
      if (typeof v === 'string') {
        f.stringCount++;
        f.totalStringLength += v.length;
        continue;
      }
      if (typeof v !== 'number' && typeof v !== 'boolean' && !isJsonLike(v)) f.unusual++;
      const x = numberOf(v);
      if (x === undefined) continue;
      // Allocated on the first number: most fields of most arrays hold none.
      if (f.numericCount === 0) f.numbers = new Float64Array(n).fill(Number.NaN);
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
