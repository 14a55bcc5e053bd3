import {
  formatMarker,
  isJsonObject,
  type JsonObject,
  type JsonValue,
  stringifyCompact,
} from '@headroom/core';
import { rowsBytes } from './columnar.js';
import { numberOf } from './field-stats.js';
import { selectObjects } from './object-array.js';
import { selectNumbers, selectStrings } from './scalar-arrays.js';
import { lazySerialized } from './serialized.js';
import type { WalkContext } from './walk-context.js';

type Group = 'objects' | 'strings' | 'numbers' | 'other';

function groupOf(v: JsonValue): Group {
  if (typeof v === 'string') return 'strings';
  if (numberOf(v) !== undefined) return 'numbers';
  return isJsonObject(v) ? 'objects' : 'other';
}

/**
 * A mixed array (§4.6): each kind with at least `minItemsToCrush` members is selected by its own
 * rules; smaller groups and other kinds stay whole; order is kept; one marker counts per kind.
 */
export function crushMixedArray(values: readonly JsonValue[], path: string, ctx: WalkContext): JsonValue {
  const n = values.length;
  const cfg = ctx.config;
  if (n < cfg.minItemsToCrush || !ctx.lossy) return values as JsonValue[];
  const groups = new Map<Group, number[]>();
  values.forEach((v, i) => {
    const g = groupOf(v);
    groups.set(g, [...(groups.get(g) ?? []), i]);
  });

  const kept = new Set<number>();
  const omittedBy: string[] = [];
  for (const [group, indexes] of groups) {
    const members = indexes.map((i) => values[i]!);
    let sel: number[] | undefined;
    if (group !== 'other' && indexes.length >= cfg.minItemsToCrush) {
      if (group === 'objects') {
        const objects = members as JsonObject[];
        sel = selectObjects(objects, lazySerialized(objects, ctx.rawFree), ctx).kept;
      } else if (group === 'strings') sel = selectStrings(members as string[], ctx).kept;
      else
        sel = selectNumbers(
          members.map((v) => numberOf(v)!),
          ctx,
        ).kept;
    }
    for (const j of sel ?? indexes.keys()) kept.add(indexes[j]!);
    if (sel) omittedBy.push(`${indexes.length - sel.length} ${group}`);
  }
  if (kept.size >= n) return values as JsonValue[];

  const rows = [...kept].sort((a, b) => a - b);
  const marker = formatMarker({
    hash: ctx.hash,
    omitted: n - rows.length,
    total: n,
    unit: 'items',
    summary: omittedBy.join(', '),
  });
  const sizes = values.map((v) => stringifyCompact(v).length);
  const full = rowsBytes(
    n,
    sizes.reduce((a, b) => a + b, 0),
  );
  const reduced = rowsBytes(
    rows.length + 1,
    rows.reduce((a, i) => a + sizes[i]!, 0) + JSON.stringify(marker).length,
  );
  if (full <= cfg.lossless.preferWithin * reduced) return values as JsonValue[];
  ctx.omissions.push({ unit: 'items', omitted: n - rows.length, total: n });
  ctx.reports.push({
    path,
    n,
    kept: rows.length,
    strategy: `top_n(${n}->${rows.length})`,
    reason: 'mixed',
    mustKeep: {},
    overCap: false,
  });
  return [...rows.map((i) => values[i]!), marker];
}
