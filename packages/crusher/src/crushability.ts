import type { FieldRoles } from './field-roles.js';
import { type FieldStats, uniqueRatio } from './field-stats.js';
import type { Signals } from './must-keep.js';

export interface Verdict {
  crushable: boolean;
  reason: string;
}

const mean = (xs: readonly number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

/**
 * Whether dropping rows is safe (§4.3 e). Unique entities with nothing standing out (user lists,
 * DB rows, file listings) are never thinned: any row may be the one asked about next.
 * Query matches are not a signal.
 */
export function crushability(fields: Map<string, FieldStats>, roles: FieldRoles, signals: Signals): Verdict {
  const others = [...fields.values()].filter((f) => f !== roles.id);
  const strings = mean(others.filter((f) => f.kind === 'string').map(uniqueRatio));
  const numbers = mean(others.filter((f) => f.kind === 'number').map(uniqueRatio));
  const idUnique = roles.id ? uniqueRatio(roles.id) : 0;
  const maxUniq = Math.max(strings, idUnique);
  const contentUniq = Math.max(strings, numbers);
  // A weak score guess (a bounded number that happens to fit [0, 100]) is not a ranking signal.
  const signal =
    roles.scoreConfidence >= 0.4 ||
    signals.outliers + signals.errors + signals.anomalies + signals.changes > 0;

  if (contentUniq < 0.1 && roles.id) return { crushable: true, reason: 'repetitive_content' };
  if (maxUniq < 0.3) return { crushable: true, reason: 'low_uniqueness' };
  if (roles.id && maxUniq > 0.8 && !signal) return { crushable: false, reason: 'unique_entities_no_signal' };
  if (maxUniq > 0.8) return { crushable: true, reason: 'unique_with_signal' };
  if (!signal) return { crushable: false, reason: 'medium_uniqueness_no_signal' };
  return { crushable: true, reason: 'medium_uniqueness_with_signal' };
}
