import { isJsonObject, type JsonValue } from '@headroom/core';

const SUMMARY_KEYS = [
  'type',
  'status',
  'kind',
  'category',
  'level',
  'severity',
  'state',
  'phase',
  'action',
  'event_type',
  'result',
  'outcome',
];
const SHORT = 40;

const top3 = (counts: ReadonlyMap<string, number>) =>
  [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 3);

/**
 * What the dropped rows were, with exact counts: the top values of the first categorical-looking
 * key (`80 status=ok, 5 status=pending`), else their most common fields.
 */
export function summarizeDropped(
  dropped: readonly JsonValue[],
  presentKeys?: ReadonlySet<string>,
  /** How many dropped rows have each key, when the caller knows (else they are counted here). */
  keyCounts?: () => ReadonlyMap<string, number>,
): string {
  const rows = dropped.filter(isJsonObject);
  for (const key of SUMMARY_KEYS) {
    if (presentKeys && !presentKeys.has(key)) continue;
    const counts = new Map<string, number>();
    for (const row of rows) {
      const v = row[key];
      if (typeof v === 'string' && v.length > 0 && v.length <= SHORT) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    if (counts.size > 0)
      return top3(counts)
        .map(([v, c]) => `${c} ${key}=${v}`)
        .join(', ');
  }
  // The order of `fields` is irrelevant: top3 is a total order on (count, key).
  let fields: ReadonlyMap<string, number>;
  if (keyCounts) fields = keyCounts();
  else {
    const counted = new Map<string, number>();
    for (const row of rows) for (const key in row) counted.set(key, (counted.get(key) ?? 0) + 1);
    fields = counted;
  }
  return fields.size === 0
    ? ''
    : `fields: ${top3(fields)
        .map(([k]) => k)
        .join(', ')}`;
}

/** Rows per key among the dropped ones: the array's counts (`present`) less those of the kept rows. */
export function droppedKeyCounts(
  present: ReadonlyMap<string, number>,
  kept: readonly JsonValue[],
): Map<string, number> {
  const out = new Map(present);
  for (const row of kept) {
    if (!isJsonObject(row)) continue;
    for (const key in row) out.set(key, out.get(key)! - 1);
  }
  for (const [key, count] of out) if (count === 0) out.delete(key);
  return out;
}
