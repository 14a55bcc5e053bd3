/** Seeded generators of realistic tool outputs, shared by tests and benchmarks. */
import { prng } from '@headroom/bench';

export { prng };

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const WORDS =
  'cache token request latency region deploy rollback shard replica index query vector batch stream retry budget quota tenant schema migration'.split(
    ' ',
  );
const words = (r: Rand, n: number) => Array.from({ length: n }, () => pick(r, WORDS)).join(' ');
const uuid = (r: Rand) =>
  [8, 4, 4, 4, 12]
    .map((len) => Array.from({ length: len }, () => int(r, 0, 15).toString(16)).join(''))
    .join('-');

/** Web-search-like results ranked by a descending relevance score. */
export function searchResults(n: number, seed = 1) {
  const r = prng(seed);
  return Array.from({ length: n }, (_, i) => ({
    id: `doc_${i}`,
    title: `${words(r, 4)} ${i}`,
    url: `https://docs.example.com/${words(r, 2).replace(' ', '/')}/${i}`,
    snippet: `${words(r, 18)}.`,
    score: Math.round((0.99 - (i / n) * 0.9) * 1000) / 1000,
    published_at: `2025-0${int(r, 1, 9)}-1${int(r, 0, 9)}T10:00:00Z`,
  }));
}

/** Unique user rows: nothing stands out, so nothing may be dropped. */
export function users(n: number, seed = 2) {
  const r = prng(seed);
  const first = [
    'Ada',
    'Linus',
    'Grace',
    'Alan',
    'Barbara',
    'Ken',
    'Margaret',
    'Dennis',
    'Frances',
    'Edsger',
  ];
  return Array.from({ length: n }, (_, i) => {
    const name = `${pick(r, first)} ${String.fromCharCode(65 + (i % 26))}${i}`;
    return {
      id: i + 1,
      name,
      email: `${name.toLowerCase().replace(' ', '.')}@example.com`,
      department: pick(r, ['eng', 'sales', 'ops', 'finance']),
    };
  });
}

/** Application log records as JSON, with a few errors. */
export function logRecords(n: number, seed = 3) {
  const r = prng(seed);
  return Array.from({ length: n }, (_, i) => {
    const error = i % 97 === 41;
    return {
      ts: `2025-03-01T12:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`,
      level: error ? 'ERROR' : pick(r, ['INFO', 'INFO', 'INFO', 'DEBUG', 'WARN']),
      service: pick(r, ['api', 'worker', 'scheduler']),
      message: error
        ? `upstream ${pick(r, ['payments', 'search'])} call failed: connection refused after ${int(r, 100, 900)}ms`
        : `handled ${pick(r, ['GET', 'POST'])} /v1/${pick(r, WORDS)} in ${int(r, 2, 80)}ms for tenant ${int(r, 1, 40)}`,
    };
  });
}

/** Paginated API response wrapping a list of orders. */
export function apiResponse(n: number, seed = 4) {
  const r = prng(seed);
  return {
    total: n,
    page: 1,
    per_page: n,
    results: Array.from({ length: n }, (_, i) => ({
      order_id: `ORD-2025-${String(i).padStart(5, '0')}`,
      customer_id: uuid(r),
      status: i % 53 === 17 ? 'payment_failed' : pick(r, ['shipped', 'shipped', 'delivered', 'processing']),
      total_cents: int(r, 1500, 9000),
      items: int(r, 1, 4),
    })),
  };
}

/** DB rows with a few numeric anomalies in `latency_ms`. */
export function dbRows(n: number, seed = 5) {
  const r = prng(seed);
  return Array.from({ length: n }, (_, i) => ({
    request_id: i + 1000,
    endpoint: pick(r, ['/search', '/checkout', '/login', '/cart']),
    latency_ms: i % 61 === 30 ? 9000 + int(r, 0, 900) : int(r, 40, 60),
    status: 200,
  }));
}

/** A metrics time series with a level shift in the middle. */
export function metrics(n: number, seed = 6) {
  const r = prng(seed);
  return Array.from({ length: n }, (_, i) => ({
    timestamp: 1_735_689_600 + i * 60,
    cpu: Math.round((i < n / 2 ? 30 : 85) + r() * 4),
    mem_mb: 2048 + int(r, 0, 8),
  }));
}

export { uuid };
