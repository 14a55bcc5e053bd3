import {
  anchorMatches,
  Bm25Batch,
  formatMarker,
  isErrorValue,
  type JsonValue,
  type MarkerUnit,
  rankRelevant,
  stringifyCompact,
} from '@headroom/core';
import { adaptiveK } from './adaptive-k.js';
import { rowsBytes } from './columnar.js';
import { numberOf } from './field-stats.js';
import { fillTo, stride } from './fill.js';
import { changePoints, keepEnds, MustKeep, zOutliers } from './must-keep.js';
import type { Selection } from './object-array.js';
import type { WalkContext } from './walk-context.js';

const all = (n: number) => [...Array(n).keys()];

function finish(m: MustKeep, kept: Set<number>, n: number, k: number, reason: string): Selection {
  if (kept.size >= n) return { reason: 'k_covers_all', mustKeep: m, k };
  return { kept: [...kept].sort((a, b) => a - b), reason, mustKeep: m, k };
}

/** Strings (§4.4): ends, error strings, length anomalies, anchors, BM25 matches, then a stride without duplicates. */
export function selectStrings(strings: readonly string[], ctx: WalkContext): Selection {
  const cfg = ctx.config;
  const n = strings.length;
  const m = new MustKeep();
  keepEnds(m, n, cfg.keepFirst, cfg.keepLast);
  strings.forEach((s, i) => {
    if (cfg.preserveErrors && isErrorValue(s)) m.add(i, 'error');
  });
  for (const i of zOutliers(
    strings.map((s) => s.length),
    cfg.anomalyStdThreshold,
  ))
    m.add(i, 'anomaly');
  for (const i of anchorMatches(strings, ctx.anchors)) m.add(i, 'anchor');

  const k = cfg.adaptiveSizing
    ? adaptiveK(
        { n, serialized: (i) => strings[i]!, text: (i) => strings[i]! },
        { minK: cfg.minK, maxK: cfg.maxItemsAfterCrush, bias: ctx.bias },
      )
    : cfg.maxItemsAfterCrush;
  const kept = new Set<number>(m.reasons.keys());
  if (ctx.queryTerms.length > 0) {
    const batch = new Bm25Batch(strings);
    const ranked = rankRelevant(batch.scores(ctx.queryTerms), {
      threshold: cfg.relevanceThreshold,
      max: cfg.maxRelevantItems,
    });
    for (const r of ranked) kept.add(r.index);
  }
  const candidates = all(n).filter((i) => !kept.has(i));
  fillTo(kept, k, [...stride(candidates, k - kept.size), ...candidates], (i) => strings[i]!, true);
  return finish(m, kept, n, k, 'strings');
}

/** Numbers (§4.5): ends, outliers and change points, then an even stride up to k. */
export function selectNumbers(values: readonly number[], ctx: WalkContext): Selection {
  const cfg = ctx.config;
  const n = values.length;
  const m = new MustKeep();
  keepEnds(m, n, cfg.keepFirst, cfg.keepLast);
  for (const i of zOutliers(values, cfg.anomalyStdThreshold)) m.add(i, 'anomaly');
  if (cfg.preserveChangePoints) {
    for (const c of changePoints(values, cfg.changePointWindow, cfg.anomalyStdThreshold)) {
      for (const i of [c - 1, c, c + 1]) if (i >= 0 && i < n) m.add(i, 'change');
    }
  }
  const k = cfg.maxItemsAfterCrush;
  const kept = new Set<number>(m.reasons.keys());
  const candidates = all(n).filter((i) => !kept.has(i));
  for (const i of stride(candidates, k - kept.size)) kept.add(i);
  return finish(m, kept, n, k, 'numbers');
}

/** Six significant digits, trailing zeros stripped. */
const sig = (x: number) => String(Number(x.toPrecision(6)));

/** Exact statistics of all values (nearest-rank percentiles), for the marker of a number array. */
export function numberSummary(values: readonly number[]): string {
  const n = values.length;
  const sorted = [...values].sort((a, b) => a - b);
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 0;
  const rank = (q: number) => sorted[Math.max(0, Math.ceil(q * n) - 1)]!;
  const median = n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  return `min=${sig(sorted[0]!)} max=${sig(sorted[n - 1]!)} mean=${sig(mean)} median=${sig(median)} sd=${sig(sd)} p25=${sig(rank(0.25))} p75=${sig(rank(0.75))}`;
}

function stringSummary(strings: readonly string[], kept: ReadonlySet<number>, m: MustKeep): string {
  const keptValues = new Set([...kept].map((i) => strings[i]));
  const seen = new Set<string>();
  let duplicates = 0;
  strings.forEach((s, i) => {
    if (kept.has(i)) return;
    if (keptValues.has(s) || seen.has(s)) duplicates++;
    seen.add(s);
  });
  const errors = m.counts().error ?? 0;
  const parts = [
    duplicates > 0 ? `${duplicates} duplicates` : '',
    errors > 0 ? `${errors} error strings kept` : '',
  ];
  return parts.filter(Boolean).join('; ');
}

/** A scalar array with its selection applied, or the array itself when dropping is not worth it. */
function shipScalars(
  values: readonly JsonValue[],
  sel: Selection,
  unit: MarkerUnit,
  summary: string,
  path: string,
  ctx: WalkContext,
): JsonValue {
  const n = values.length;
  const report = (kept: number, strategy: string, reason: string) =>
    ctx.reports.push({
      path,
      n,
      kept,
      strategy,
      reason,
      mustKeep: sel.mustKeep.counts(),
      overCap: sel.mustKeep.size > sel.k,
    });
  const sizes = values.map((v) => stringifyCompact(v).length);
  const keep = sel.kept;
  if (!keep) {
    report(n, 'lossless:array', sel.reason);
    return values as JsonValue[];
  }
  const marker = formatMarker({ hash: ctx.hash, omitted: n - keep.length, total: n, unit, summary });
  const full = rowsBytes(
    n,
    sizes.reduce((a, b) => a + b, 0),
  );
  const reduced = rowsBytes(
    keep.length + 1,
    keep.reduce((a, i) => a + sizes[i]!, 0) + JSON.stringify(marker).length,
  );
  if (full <= ctx.config.lossless.preferWithin * reduced) {
    report(n, 'lossless:array', 'lossless_within_prefer');
    return values as JsonValue[];
  }
  ctx.omissions.push({ unit, omitted: n - keep.length, total: n });
  report(keep.length, `top_n(${n}->${keep.length})`, sel.reason);
  return [...keep.map((i) => values[i]!), marker];
}

export function crushStringArray(strings: readonly string[], path: string, ctx: WalkContext): JsonValue {
  if (strings.length < ctx.config.minItemsToCrush || !ctx.lossy) return strings as string[];
  const sel = selectStrings(strings, ctx);
  const summary = sel.kept ? stringSummary(strings, new Set(sel.kept), sel.mustKeep) : '';
  return shipScalars(strings, sel, 'strings', summary, path, ctx);
}

/** Number arrays keep their original lexemes (RawNumber), so ints stay ints and 1e400 stays 1e400. */
export function crushNumberArray(values: readonly JsonValue[], path: string, ctx: WalkContext): JsonValue {
  if (values.length < ctx.config.minItemsToCrush || !ctx.lossy) return values as JsonValue[];
  const numbers = values.map((v) => numberOf(v) ?? Number.NaN);
  if (numbers.some(Number.isNaN)) return values as JsonValue[];
  const sel = selectNumbers(numbers, ctx);
  return shipScalars(values, sel, 'numbers', numberSummary(numbers), path, ctx);
}
