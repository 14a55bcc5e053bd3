import { isJsonObject, type JsonValue, stableStringify } from '@headroom/core';
import { hashField, hashValue } from './privacy.js';

/** One field of a batch of sampled items, hashed. */
export interface BatchField {
  field: string;
  items: number;
  distinctRatio: number;
  /** The most common value (first seen on ties) and how many items hold it. */
  top: string;
  topCount: number;
}

interface Tally {
  items: number;
  values: Map<string, { n: number; value: JsonValue }>;
}

/** A local equality key: raw strings as they are, everything else as canonical JSON (never stored). */
const keyOf = (v: JsonValue): string => (typeof v === 'string' ? `s${v}` : stableStringify(v));

/** Top-level fields of object items, at most `maxFields` distinct names, in first-seen order. */
function tally(items: readonly JsonValue[], maxItems: number, maxFields: number): Map<string, Tally> {
  const fields = new Map<string, Tally>();
  const n = Math.min(items.length, maxItems);
  for (let i = 0; i < n; i++) {
    const item = items[i];
    if (!isJsonObject(item)) continue;
    for (const name in item) {
      let t = fields.get(name);
      if (!t) {
        if (fields.size >= maxFields) continue;
        t = { items: 0, values: new Map() };
        fields.set(name, t);
      }
      const value = item[name] as JsonValue;
      const key = keyOf(value);
      t.items++;
      const slot = t.values.get(key);
      if (slot) slot.n++;
      else t.values.set(key, { n: 1, value });
    }
  }
  return fields;
}

/**
 * Field statistics of a compression's sample: raw values are compared locally, and only two hashes
 * per field (its name, its most common value) leave this function.
 */
export function batchFields(items: readonly JsonValue[], maxItems: number, maxFields: number): BatchField[] {
  const out: BatchField[] = [];
  for (const [name, t] of tally(items, maxItems, maxFields)) {
    let best: { n: number; value: JsonValue } | undefined;
    for (const slot of t.values.values()) if (!best || slot.n > best.n) best = slot;
    out.push({
      field: hashField(name),
      items: t.items,
      distinctRatio: t.values.size / t.items,
      top: hashValue(best!.value),
      topCount: best!.n,
    });
  }
  return out;
}

/**
 * Per field hash of the returned items, the distinct value hashes worth counting: all of them
 * where `allValues(field, distinctRatio)` says so (a status-like field), else only those
 * `mentioned` by the query (the id an agent asked for). Hashing every unique id or text of a
 * result would be work and state spent on noise.
 */
export function retrievedValues(
  items: readonly JsonValue[],
  limits: { maxItems: number; maxFields: number },
  allValues: (field: string, distinctRatio: number) => boolean,
  mentioned: (value: JsonValue) => boolean,
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [name, t] of tally(items, limits.maxItems, limits.maxFields)) {
    const field = hashField(name);
    const all = allValues(field, t.values.size / t.items);
    const values: string[] = [];
    for (const slot of t.values.values())
      if (all || mentioned(slot.value)) values.push(hashValue(slot.value));
    out.set(field, values);
  }
  return out;
}
