import { type FieldStats, meanStringLength, uniqueRatio, variance } from './field-stats.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

export type Pattern = 'search' | 'time_series' | 'logs' | 'generic';

/** What the fields of an object array are, decided statistically (never from key names). */
export interface FieldRoles {
  id?: FieldStats;
  idConfidence: number;
  score?: FieldStats;
  scoreConfidence: number;
  temporal: Set<string>;
  categorical: FieldStats[];
  pattern: Pattern;
}

/** Fraction of present values that ascend from one item to the next, in original order. */
function ascendingFraction(values: Float64Array, descending = false): number {
  let pairs = 0;
  let ok = 0;
  let prev = Number.NaN;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    if (!Number.isNaN(prev)) {
      pairs++;
      if (descending ? v <= prev : v > prev) ok++;
    }
    prev = v;
  }
  return pairs === 0 ? 0 : ok / pairs;
}

const sequential = new WeakMap<FieldStats, boolean>();

/** Integer ids like 1, 2, 3…: sorted gaps mostly in [0.5, 2] and mostly ascending in place. */
function isSequential(f: FieldStats): boolean {
  if (!f.allIntegers || f.numericCount < 3) return false;
  // Asked for the ID and again for the score: sort once per field.
  let answer = sequential.get(f);
  if (answer === undefined) {
    answer = sortedGapsSmall(f) && ascendingFraction(f.numbers) >= 0.7;
    sequential.set(f, answer);
  }
  return answer;
}

function sortedGapsSmall(f: FieldStats): boolean {
  // A typed array sorts numerically, natively, with no comparator calls.
  const sorted = f.numbers.filter((v) => !Number.isNaN(v)).sort();
  let small = 0;
  for (let i = 1; i < sorted.length; i++) {
    const gap = sorted[i]! - sorted[i - 1]!;
    if (gap >= 0.5 && gap <= 2) small++;
  }
  return small / (sorted.length - 1) >= 0.8;
}

function idConfidence(f: FieldStats): number {
  const unique = uniqueRatio(f);
  if (unique < 0.9) return 0;
  if (f.kind === 'string') {
    const strings = f.sample.filter((v): v is string => typeof v === 'string');
    if (strings.length > 0 && strings.filter((s) => UUID.test(s)).length >= 0.8 * strings.length) return 0.95;
    if (unique >= 0.95 && strings.some((s) => /\d/.test(s))) return 0.8;
    return 0;
  }
  if (f.kind === 'number' && f.numericCount === f.present && f.allIntegers) {
    if (isSequential(f)) return 0.9;
    if (unique >= 0.98) return 0.7;
  }
  return 0;
}

function scoreConfidence(f: FieldStats): number {
  if (f.kind !== 'number' || f.numericCount < 2) return 0;
  const within = (lo: number, hi: number) => f.min >= lo && f.max <= hi;
  let c = within(0, 1) ? 0.4 : within(-1, 1) ? 0.35 : within(0, 10) ? 0.3 : within(0, 100) ? 0.25 : 0;
  if (c === 0 || isSequential(f)) return 0;
  if (ascendingFraction(f.numbers, true) >= 0.7) c += 0.3;
  const head = f.sample.slice(0, 20).filter((v): v is number => typeof v === 'number');
  if (head.length > 0 && head.filter((v) => !Number.isInteger(v)).length >= 0.3 * head.length) c += 0.1;
  return c;
}

function isTemporal(f: FieldStats): boolean {
  if (f.kind === 'string') {
    const head = f.sample.slice(0, 10);
    return (
      head.length > 0 &&
      head.filter((v) => typeof v === 'string' && ISO_DATE.test(v)).length >= 0.5 * head.length
    );
  }
  if (f.kind !== 'number' || f.numericCount === 0) return false;
  return (f.min >= 1e9 && f.max <= 2e9) || (f.min >= 1e12 && f.max <= 2e12);
}

function isCategorical(f: FieldStats, n: number): boolean {
  const d = f.distinctCount;
  return !f.highCardinality && d >= 2 && d <= 50 && d <= n / 4;
}

/** ID, score, temporal and categorical fields, and the array's pattern (first match wins). */
export function fieldRoles(fields: Map<string, FieldStats>, n: number): FieldRoles {
  const roles: FieldRoles = {
    idConfidence: 0,
    scoreConfidence: 0,
    temporal: new Set(),
    categorical: [],
    pattern: 'generic',
  };
  for (const f of fields.values()) {
    const c = idConfidence(f);
    if (c > roles.idConfidence) {
      roles.id = f;
      roles.idConfidence = c;
    }
    if (isTemporal(f)) roles.temporal.add(f.key);
    if (isCategorical(f, n)) roles.categorical.push(f);
  }
  for (const f of fields.values()) {
    if (f === roles.id) continue;
    const c = scoreConfidence(f);
    if (c > roles.scoreConfidence) {
      roles.score = f;
      roles.scoreConfidence = c;
    }
  }
  roles.pattern = patternOf(fields, roles);
  return roles;
}

function patternOf(fields: Map<string, FieldStats>, roles: FieldRoles): Pattern {
  if (roles.scoreConfidence >= 0.7) return 'search';
  const values = [...fields.values()];
  const hasSeries = values.some(
    (f) => f.kind === 'number' && f !== roles.id && !roles.temporal.has(f.key) && variance(f) > 0,
  );
  if (roles.temporal.size > 0 && hasSeries) return 'time_series';
  const message = values.some((f) => f.kind === 'string' && uniqueRatio(f) > 0.5 && meanStringLength(f) > 20);
  const level = roles.categorical.some((f) => f.kind === 'string' && f.distinctCount <= 10);
  if (message && level) return 'logs';
  if (roles.scoreConfidence >= 0.4) return 'search';
  return 'generic';
}
