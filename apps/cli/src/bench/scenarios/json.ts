import { between, oneOf, seeded } from '../random.js';
import type { Scenario } from '../scenario.js';

const WORDS = [
  'cache',
  'proxy',
  'token',
  'router',
  'stream',
  'budget',
  'marker',
  'window',
  'vector',
  'schema',
];

/** 1,000 search hits; needles: an error row, a score outlier, the query match, first and last. */
export function searchResults(): Scenario {
  const rand = seeded(1001);
  const items = Array.from({ length: 1000 }, (_, i) => ({
    id: `doc-${i}`,
    title: `${oneOf(rand, WORDS)} ${oneOf(rand, WORDS)} notes ${i}`,
    url: `https://docs.example.com/${i}`,
    score: Math.round(rand() * 500) / 1000,
    status: 'ok',
  }));
  Object.assign(items[412] as object, { status: 'error', error: 'ETIMEDOUT upstream shard-7' });
  Object.assign(items[733] as object, { score: 98.5 });
  Object.assign(items[608] as object, { title: 'quokka migration guide' });
  return {
    name: 'search results, 1 000 items',
    type: 'json',
    text: JSON.stringify(items, null, 2),
    query: 'quokka migration',
    needles: ['ETIMEDOUT upstream shard-7', '98.5', 'quokka migration guide', 'doc-0', 'doc-999'],
  };
}

/** 500 database rows; needles: a negative balance outlier, a null email, first and last ids. */
export function dbRows(): Scenario {
  const rand = seeded(2002);
  const rows = Array.from({ length: 500 }, (_, i) => ({
    id: 10_000 + i,
    email: `user${i}@example.org`,
    plan: oneOf(rand, ['free', 'pro', 'team']),
    balance: between(rand, 0, 5000),
    created: `2026-0${between(rand, 1, 9)}-1${between(rand, 0, 9)}`,
  }));
  Object.assign(rows[250] as object, { balance: -987654 });
  Object.assign(rows[321] as object, { email: null });
  return {
    name: 'DB rows, 500',
    type: 'json',
    text: JSON.stringify(rows),
    needles: ['-987654', '10000', '10499', '10321'],
  };
}

/** Mixed API responses: a paginated envelope with nested records and one failed call. */
export function apiResponses(): Scenario {
  const rand = seeded(3003);
  const data = Array.from({ length: 300 }, (_, i) => ({
    id: `evt_${i}`,
    type: oneOf(rand, ['charge.succeeded', 'invoice.paid', 'customer.updated']),
    amount: between(rand, 100, 90_000),
    meta: { region: oneOf(rand, ['eu-west-1', 'us-east-1']), retries: 0 },
  }));
  Object.assign(data[177] as object, { type: 'charge.failed', failure: 'card_declined_insufficient_funds' });
  const text = JSON.stringify({ object: 'list', has_more: true, url: '/v1/events', data }, null, 2);
  return {
    name: 'mixed API responses',
    type: 'json',
    text,
    needles: ['card_declined_insufficient_funds', 'evt_0', 'evt_299'],
  };
}
