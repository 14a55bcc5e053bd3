import { Bm25Batch, formatMarker, type JsonObject, type JsonValue, rankRelevant } from '@headroom/core';
import { adaptiveK } from './adaptive-k.js';
import { columnarBytes, rowsBytes, sharedKeys, toColumnar } from './columnar.js';
import { crushability } from './crushability.js';
import { type FieldRoles, fieldRoles } from './field-roles.js';
import { type FieldStats, fieldStats, rowBytesFloor, uniqueRatio } from './field-stats.js';
import { fillTo, stride } from './fill.js';
import { ItemTexts } from './item-texts.js';
import { changePoints, collectMustKeep, contentNumericFields, MustKeep } from './must-keep.js';
import { lazySerialized, type Serialized } from './serialized.js';
import { droppedKeyCounts, summarizeDropped } from './summary.js';
import type { WalkContext } from './walk-context.js';

/** An encoding of some rows and its exact compact byte size. */
interface Encoded {
  value: JsonValue;
  bytes: number;
  columnar: boolean;
}

/**
 * Byte size of the smaller of plain rows and the columnar table (when it saves
 * `minSavingsRatio`), for rows whose compact lengths sum to `rowBytes`.
 */
function encodedBytes(
  keys: readonly string[] | undefined,
  count: number,
  rowBytes: number,
  ctx: WalkContext,
): { bytes: number; columnar: boolean } {
  const plain = rowsBytes(count, rowBytes);
  if (keys) {
    const table = columnarBytes(keys, count, rowBytes);
    if (table <= plain * (1 - ctx.config.lossless.minSavingsRatio)) return { bytes: table, columnar: true };
  }
  return { bytes: plain, columnar: false };
}

/** The smaller of plain rows and the columnar table (when it saves `minSavingsRatio`). */
function encode(rows: readonly JsonObject[], rowBytes: number, ctx: WalkContext): Encoded {
  const keys = ctx.config.lossless.enabled ? sharedKeys(rows) : undefined;
  const { bytes, columnar } = encodedBytes(keys, rows.length, rowBytes, ctx);
  if (keys && columnar) return { value: toColumnar(keys, rows), bytes, columnar };
  return { value: rows as JsonObject[], bytes, columnar };
}

/**
 * True when the lossless form of all items is larger than `limit` bytes. Sums row lengths (those
 * already serialized first) and stops as soon as a lower bound exceeds it: the rows seen, 2 bytes
 * (`{}`) for each row not yet seen, in the smaller of the plain and columnar layouts. A 1,000-row
 * array thinned to 50 serializes ~80 rows, not 1,000. Only the last step needs the exact size.
 */
function losslessExceeds(
  items: readonly JsonObject[],
  serialized: Serialized,
  limit: number,
  ctx: WalkContext,
  /** A lower bound on the summed row lengths, known without serializing (`rowBytesFloor`). */
  floor = 0,
): boolean {
  const n = items.length;
  // Both layouts grow byte for byte with the rows; if the rows share keys, they are the first's.
  const first = items[0] ? Object.keys(items[0]) : [];
  const fixed = Math.min(
    rowsBytes(n, 0),
    first.length > 0 ? columnarBytes(first, n, 0) : Number.POSITIVE_INFINITY,
  );
  const over = (seen: number, seenBytes: number) =>
    fixed + Math.max(seenBytes + 2 * (n - seen), floor) > limit;
  let seen = 0;
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    if (!serialized.has(i)) continue;
    seen++;
    bytes += serialized(i).length;
  }
  if (over(seen, bytes)) return true;
  for (let i = 0; i < n; i++) {
    if (serialized.has(i)) continue;
    seen++;
    bytes += serialized(i).length;
    if (over(seen, bytes)) return true;
  }
  // Every row seen: the exact size of the encoding `encode` would pick.
  const keys = ctx.config.lossless.enabled ? sharedKeys(items) : undefined;
  return encodedBytes(keys, n, bytes, ctx).bytes > limit;
}

/** Relevance R: BM25 over item values, batch IDF, thresholded and capped. */
function relevant(texts: ItemTexts, ctx: WalkContext): number[] {
  if (ctx.queryTerms.length === 0) return [];
  const batch = new Bm25Batch(texts.lowerDocs());
  return rankRelevant(batch.scores(ctx.queryTerms), {
    threshold: ctx.config.relevanceThreshold,
    max: ctx.config.maxRelevantItems,
  }).map((r) => r.index);
}

/** Fill order by pattern: best scores, change neighbourhoods, log clusters, or an even stride. */
function fillOrder(
  items: readonly JsonObject[],
  fields: Map<string, FieldStats>,
  roles: FieldRoles,
  kept: ReadonlySet<number>,
  free: number,
  ctx: WalkContext,
): number[] {
  const n = items.length;
  const candidates = [...Array(n).keys()].filter((i) => !kept.has(i));
  const spread = () => [...stride(candidates, free), ...candidates];
  if (roles.pattern === 'search' && roles.score) {
    // Missing scores rank last; ties keep input order.
    const value = roles.score.numbers.map((x) => (Number.isNaN(x) ? Number.NEGATIVE_INFINITY : x));
    return candidates.sort((a, b) => value[b]! - value[a]! || a - b);
  }
  if (roles.pattern === 'time_series') {
    const near: number[] = [];
    for (const f of contentNumericFields(fields, roles, n)) {
      for (const c of changePoints(f.numbers, ctx.config.changePointWindow, ctx.config.anomalyStdThreshold)) {
        for (let i = c - 2; i <= c + 2; i++) if (i >= 0 && i < n) near.push(i);
      }
    }
    return [...near, ...spread()];
  }
  if (roles.pattern === 'logs') {
    const message = [...fields.values()]
      .filter((f) => f.kind === 'string' && uniqueRatio(f) > 0.3)
      .sort((a, b) => uniqueRatio(b) - uniqueRatio(a))[0];
    if (message) return [...byCluster(items, message.key, candidates), ...spread()];
  }
  return spread();
}

/** First member of each message cluster in order of appearance, then second members, and so on. */
function byCluster(items: readonly JsonObject[], key: string, candidates: readonly number[]): number[] {
  const clusters = new Map<string, number[]>();
  for (const i of candidates) {
    const v = items[i]![key];
    const id = typeof v === 'string' ? v.slice(0, 50).toLowerCase().replace(/\d+/g, '0') : '';
    const members = clusters.get(id);
    if (members) members.push(i);
    else clusters.set(id, [i]);
  }
  const out: number[] = [];
  // Round robin over the clusters, dropping each once it is used up (in order, so the output is
  // that of visiting every cluster at every rank, without the cost of rank × clusters).
  const active = [...clusters.values()];
  for (let rank = 0; active.length > 0; rank++) {
    let live = 0;
    for (const list of active) {
      out.push(list[rank]!);
      if (rank + 1 < list.length) active[live++] = list;
    }
    active.length = live;
  }
  return out;
}

/** Which items one array keeps: `kept` undefined means all of them. */
export interface Selection {
  kept?: number[];
  reason: string;
  mustKeep: MustKeep;
  k: number;
  /** Object arrays: every top-level key seen. */
  keys?: ReadonlySet<string>;
  /** Object arrays: how many items have each key. */
  present?: ReadonlyMap<string, number>;
  /** Object arrays: a lower bound on the summed compact lengths of all rows. */
  rowBytesFloor?: number;
}

/**
 * Selection for an array of objects (§4.3): rows are dropped only when the array is crushable, and
 * then only beyond the must-keep set, the relevant items and an adaptive k.
 */
export function selectObjects(
  items: readonly JsonObject[],
  serialized: Serialized,
  ctx: WalkContext,
): Selection {
  const cfg = ctx.config;
  const n = items.length;
  const fields = fieldStats(items);
  const roles = fieldRoles(fields, n);
  const advice = ctx.advise?.(items);
  // Each item's values as text, laid out once and only if needed (adaptive k samples ≤ 256).
  const texts = new ItemTexts(items);
  const m = new MustKeep();
  const signals = collectMustKeep(m, items, fields, roles, cfg, {
    anchors: ctx.anchors,
    texts,
    advice,
    query: ctx.query,
  });
  const verdict = crushability(fields, roles, signals);
  if (!verdict.crushable) return { reason: verdict.reason, mustKeep: m, k: n };
  if (advice?.skip) return { reason: 'toin_skip', mustKeep: m, k: n };

  let k = cfg.adaptiveSizing
    ? adaptiveK(
        {
          n,
          serialized,
          shape: serialized.shape,
          signature: serialized.signature,
          text: (i) => texts.text(i),
        },
        { minK: cfg.minK, maxK: cfg.maxItemsAfterCrush, bias: ctx.bias },
      )
    : cfg.maxItemsAfterCrush;
  if (advice?.minItems) k = Math.max(k, Math.min(advice.minItems, cfg.maxItemsAfterCrush));

  const kept = new Set<number>(m.reasons.keys());
  for (const i of relevant(texts, ctx)) kept.add(i);
  const order = fillOrder(items, fields, roles, kept, k - kept.size, ctx);
  fillTo(kept, k, order, serialized, cfg.dedupIdenticalItems);
  if (kept.size >= n) return { reason: 'k_covers_all', mustKeep: m, k };
  return {
    kept: [...kept].sort((a, b) => a - b),
    reason: verdict.reason,
    mustKeep: m,
    k,
    keys: new Set(fields.keys()),
    present: new Map([...fields.values()].map((f) => [f.key, f.present])),
    rowBytesFloor: rowBytesFloor(fields, items),
  };
}

/** The items not in `kept` (ascending indexes), in order. */
function droppedRows(items: readonly JsonObject[], kept: readonly number[]): JsonObject[] {
  const out: JsonObject[] = [];
  let next = 0;
  for (let i = 0; i < items.length; i++) {
    if (kept[next] === i) next++;
    else out.push(items[i]!);
  }
  return out;
}

/**
 * An array of objects: the best lossless encoding, unless a crushable selection is so much smaller
 * (`lossless.preferWithin`) that dropping rows behind a marker is worth it.
 */
export function crushObjectArray(items: readonly JsonObject[], path: string, ctx: WalkContext): JsonValue {
  const cfg = ctx.config;
  const n = items.length;
  const serialized = lazySerialized(items, ctx.rawFree);
  // The full lossless form is only built when all rows are kept.
  const lossless = () => encode(items, serialized.total(), ctx);
  const report = (kept: number, strategy: string, reason: string, sel?: Selection) =>
    ctx.reports.push({
      path,
      n,
      kept,
      strategy,
      reason,
      mustKeep: sel?.mustKeep.counts() ?? {},
      overCap: sel !== undefined && sel.mustKeep.size > sel.k,
    });
  const keepAll = (reason: string, sel?: Selection) => {
    const all = lossless();
    report(n, all.columnar ? 'lossless:columnar' : 'lossless:rows', reason, sel);
    // The root array kept as is: its text is (or is cheaply made from) what sizing serialized.
    if (path === '$' && !all.columnar) ctx.texts?.set(items, serialized.whole());
    return all.value;
  };

  if (n < cfg.minItemsToCrush) return keepAll('below_min_items');
  if (!ctx.lossy) return keepAll('lossless_only');
  const sel = selectObjects(items, serialized, ctx);
  if (!sel.kept) return keepAll(sel.reason, sel);

  const rows = sel.kept;
  const keptRows = rows.map((i) => items[i]!);
  const dropped = droppedRows(items, rows);
  const { present } = sel;
  const marker = formatMarker({
    hash: ctx.hash,
    omitted: dropped.length,
    total: n,
    unit: 'rows',
    summary: summarizeDropped(
      dropped,
      sel.keys,
      present ? () => droppedKeyCounts(present, keptRows) : undefined,
    ),
  });
  const compact = encode(
    keptRows,
    rows.reduce((a, i) => a + serialized(i).length, 0),
    ctx,
  );
  const sentinelBytes = JSON.stringify(marker).length + (compact.columnar ? 8 : 10);
  const limit = cfg.lossless.preferWithin * (compact.bytes + sentinelBytes);
  if (!losslessExceeds(items, serialized, limit, ctx, sel.rowBytesFloor)) {
    return keepAll('lossless_within_prefer', sel);
  }

  ctx.omissions.push({ unit: 'rows', omitted: dropped.length, total: n });
  report(rows.length, `top_n(${n}->${rows.length})`, sel.reason, sel);
  if (path === '$' && !compact.columnar) for (const i of rows) ctx.texts?.set(items[i], serialized(i));
  if (compact.columnar) return { ...(compact.value as JsonObject), _ccr: marker };
  return [...(compact.value as JsonObject[]), { _ccr: marker }];
}
