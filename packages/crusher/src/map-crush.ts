import { formatMarker, isJsonObject, type JsonObject, type JsonValue } from '@headroom/core';
import { numberOf } from './field-stats.js';
import { selectObjects } from './object-array.js';
import { selectNumbers, selectStrings } from './scalar-arrays.js';
import { lazySerialized } from './serialized.js';
import type { WalkContext } from './walk-context.js';

type Kind = 'objects' | 'strings' | 'numbers';

function dominantKind(values: readonly JsonValue[], uniformity: number): Kind | undefined {
  const counts: Record<Kind, number> = { objects: 0, strings: 0, numbers: 0 };
  for (const v of values) {
    if (isJsonObject(v)) counts.objects++;
    else if (typeof v === 'string') counts.strings++;
    else if (numberOf(v) !== undefined) counts.numbers++;
  }
  const [kind, count] = (Object.entries(counts) as [Kind, number][]).sort((a, b) => b[1] - a[1])[0]!;
  return count >= uniformity * values.length ? kind : undefined;
}

/** A free key for the marker: `_ccr`, else `_ccr_2`, `_ccr_3`… */
function markerKey(obj: JsonObject): string {
  if (!('_ccr' in obj)) return '_ccr';
  let i = 2;
  while (`_ccr_${i}` in obj) i++;
  return `_ccr_${i}`;
}

/**
 * A map-like object (§4.7): many keys whose values share one kind (`{"user_1": {...}, …}`). Its
 * values are selected like an array of that kind, first/last by key order; values of other kinds
 * stay. Heterogeneous records (a 40-field config) never qualify.
 */
export function crushMap(obj: JsonObject, path: string, ctx: WalkContext): JsonObject {
  const { mapCrush } = ctx.config;
  const keys = Object.keys(obj);
  if (!mapCrush.enabled || !ctx.lossy || keys.length < mapCrush.minKeys) return obj;
  const values = keys.map((k) => obj[k]!);
  const kind = dominantKind(values, mapCrush.uniformity);
  if (!kind) return obj;

  const members = keys
    .map((_, i) => i)
    .filter((i) => {
      const v = values[i]!;
      return kind === 'objects'
        ? isJsonObject(v)
        : kind === 'strings'
          ? typeof v === 'string'
          : numberOf(v) !== undefined;
    });
  const memberValues = members.map((i) => values[i]!);
  const sel =
    kind === 'objects'
      ? selectObjects(memberValues as JsonObject[], lazySerialized(memberValues, ctx.rawFree), ctx)
      : kind === 'strings'
        ? selectStrings(memberValues as string[], ctx)
        : selectNumbers(
            memberValues.map((v) => numberOf(v)!),
            ctx,
          );
  if (!sel.kept) return obj;

  const keptMembers = new Set(sel.kept);
  const dropped = new Set(members.filter((_, j) => !keptMembers.has(j)));
  const out: [string, JsonValue][] = keys.filter((_, i) => !dropped.has(i)).map((k) => [k, obj[k]!]);
  const marker = formatMarker({
    hash: ctx.hash,
    omitted: dropped.size,
    total: keys.length,
    unit: 'keys',
    summary: `${dropped.size} ${kind} values omitted by key`,
  });
  out.push([markerKey(obj), marker]);
  ctx.omissions.push({ unit: 'keys', omitted: dropped.size, total: keys.length });
  ctx.reports.push({
    path,
    n: keys.length,
    kept: keys.length - dropped.size,
    strategy: `top_n(${keys.length}->${keys.length - dropped.size})`,
    reason: `map:${sel.reason}`,
    mustKeep: sel.mustKeep.counts(),
    overCap: sel.mustKeep.size > sel.k,
  });
  return Object.fromEntries(out);
}
