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

const top3 = (counts: Map<string, number>) =>
  [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 3);

/**
 * What the dropped rows were, with exact counts: the top values of the first categorical-looking
 * key (`80 status=ok, 5 status=pending`), else their most common fields.
 */
export function summarizeDropped(dropped: readonly JsonValue[], presentKeys?: ReadonlySet<string>): string {
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
  const fields = new Map<string, number>();
  for (const row of rows) for (const key in row) fields.set(key, (fields.get(key) ?? 0) + 1);
  return fields.size === 0
    ? ''
    : `fields: ${top3(fields)
        .map(([k]) => k)
        .join(', ')}`;
}
