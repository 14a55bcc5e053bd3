import { HEADROOM } from './score.js';
import type { MethodSummary, Summary } from './summary.js';

/** Reduction may fall this much (absolute, 0.02 = 2 points) below the committed value. */
export const REDUCTION_MARGIN = 0.02;

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function compare(row: string, now: MethodSummary, was: MethodSummary): string[] {
  const failures: string[] = [];
  const floor = Math.min(1, was.recall);
  if (now.recall < floor) failures.push(`${row}: must-keep recall ${pct(now.recall)} < ${pct(floor)}`);
  if (now.reduction < was.reduction - REDUCTION_MARGIN)
    failures.push(
      `${row}: reduction ${pct(now.reduction)} < committed ${pct(was.reduction)} − ${pct(REDUCTION_MARGIN)}`,
    );
  if (was.validity !== undefined && (now.validity ?? 0) < was.validity)
    failures.push(`${row}: validity ${pct(now.validity ?? 0)} < ${pct(was.validity)}`);
  if (was.goldRetention !== undefined && (now.goldRetention ?? 0) < was.goldRetention)
    failures.push(`${row}: gold retention ${pct(now.goldRetention ?? 0)} < ${pct(was.goldRetention)}`);
  const broken = now.ccrMarkers - now.ccrExact - now.ccrEquivalent;
  if (broken > 0)
    failures.push(`${row}: ${broken} of ${now.ccrMarkers} CCR markers do not restore the original`);
  if (now.ccrExact / Math.max(1, now.ccrMarkers) < was.ccrExact / Math.max(1, was.ccrMarkers))
    failures.push(`${row}: fewer CCR markers restore byte-exactly than committed`);
  if ((now.pairViolations ?? 0) > (was.pairViolations ?? 0))
    failures.push(`${row}: ${now.pairViolations} tool-pair violations`);
  return failures;
}

/**
 * Compares the fast subset's Headroom rows with the committed ones; returns one line per failure.
 * Must-keep recall may never fall below 100 % (nor below the committed value, where the committed
 * run already lost items); validity, gold retention and CCR exactness may not fall; tool pairs may
 * not break; reduction may fall at most `REDUCTION_MARGIN`.
 */
export function gateFailures(current: Summary, committed: Summary): string[] {
  return Object.entries(committed).flatMap(([kind, methods]) =>
    Object.entries(methods).flatMap(([method, was]) => {
      const row = method === HEADROOM ? kind : `${kind} (${method})`;
      const now = current[kind]?.[method];
      return now ? compare(row, now, was) : [`${row}: missing from this run`];
    }),
  );
}
