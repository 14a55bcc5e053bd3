import { between, pickOne, type Random, seeded } from '../../prng.js';
import type { ContentCase } from '../case.js';
import { uuid, words } from './words.js';

/** Search hits: the query's target sits in the middle, plus one hit carrying an error. */
function searchResults(rand: Random, n: number): ContentCase {
  const target = uuid(rand);
  const failing = `shard-${between(rand, 10, 99)} unavailable`;
  const hits = Array.from({ length: n }, (_, i) => ({
    id: i === Math.floor(n / 2) ? target : uuid(rand),
    title: words(rand, 5),
    url: `https://docs.example.com/${words(rand, 2).replace(' ', '/')}/${i}`,
    snippet: words(rand, 18),
    score: Number((1 - i / n).toFixed(3)),
    ...(i === Math.floor(n / 3) ? { error: failing } : {}),
  }));
  return {
    id: `json-search-${n}`,
    kind: `json: search results, ${n} hits`,
    origin: 'seeded',
    text: JSON.stringify({ query: 'rollout retry', total: n, results: hits }, null, 2),
    query: `details for ${target}`,
    mustKeep: [target, failing],
    validity: 'json',
    toolName: 'search_docs',
  };
}

/** Structured log records: a few ERROR rows among INFO ones. */
function logRecords(rand: Random, n: number): ContentCase {
  const errors: string[] = [];
  const rows = Array.from({ length: n }, (_, i) => {
    const isError = i % Math.floor(n / 4) === 7;
    const message = isError ? `payment gateway timeout after ${between(rand, 3000, 9000)}ms` : words(rand, 6);
    if (isError) errors.push(message);
    return {
      ts: `2025-03-01T10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`,
      level: isError ? 'ERROR' : 'INFO',
      service: pickOne(rand, ['api', 'billing', 'worker']),
      message,
    };
  });
  return {
    id: `json-logs-${n}`,
    kind: 'json: log records',
    origin: 'seeded',
    text: JSON.stringify(rows),
    mustKeep: errors,
    validity: 'json',
    toolName: 'fetch_logs',
  };
}

/** A metric series with one spike: the anomaly must survive. */
function metrics(rand: Random, n: number): ContentCase {
  const spikeAt = between(rand, Math.floor(n / 4), Math.floor((3 * n) / 4));
  const spike = 9000 + between(rand, 100, 999);
  const rows = Array.from({ length: n }, (_, i) => ({
    minute: i,
    host: `web-${i % 4}`,
    p99_ms: i === spikeAt ? spike : 110 + between(rand, 0, 25),
    rps: 800 + between(rand, 0, 60),
  }));
  return {
    id: `json-metrics-${n}`,
    kind: 'json: metric series',
    origin: 'seeded',
    text: JSON.stringify(rows, null, 2),
    mustKeep: [String(spike)],
    validity: 'json',
    toolName: 'query_metrics',
  };
}

/** Nested API records (customers with orders): the queried customer's email must survive. */
function customers(rand: Random, n: number): ContentCase {
  const targetIndex = between(rand, 1, n - 2);
  const target = `cust_${between(rand, 100000, 999999)}`;
  const records = Array.from({ length: n }, (_, i) => ({
    id: i === targetIndex ? target : `cust_${between(rand, 100000, 999999)}`,
    email: `${words(rand, 1)}${i}@example.com`,
    plan: pickOne(rand, ['free', 'pro', 'team']),
    address: { city: pickOne(rand, ['Lisbon', 'Austin', 'Osaka']), zip: String(between(rand, 10000, 99999)) },
    orders: Array.from({ length: between(rand, 0, 3) }, () => ({
      sku: `SKU-${between(rand, 100, 999)}`,
      qty: between(rand, 1, 4),
    })),
  }));
  return {
    id: `json-customers-${n}`,
    kind: 'json: nested records',
    origin: 'seeded',
    text: JSON.stringify({ data: records, page: 1 }, null, 2),
    query: `customer ${target}`,
    mustKeep: [target, `${records[targetIndex]!.email}`],
    validity: 'json',
    toolName: 'list_customers',
  };
}

export function jsonCases(seed: number): ContentCase[] {
  const rand = seeded(seed);
  return [
    searchResults(rand, 60),
    searchResults(rand, 1000),
    logRecords(rand, 400),
    metrics(rand, 240),
    customers(rand, 150),
  ];
}
