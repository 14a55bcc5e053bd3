/** A seeded, pretty-printed search-tool output: an array of result objects, like a web search API's. */
import { int, pick, prng, type Random } from '@headroom/bench';

const WORDS = (
  'flight fare refund baggage policy upgrade cabin economy business delay cancel crew airport ' +
  'lounge visa passport seat meal loyalty miles status route hub terminal gate schedule weather'
).split(' ');
const DOMAINS = [
  'travel.example.com',
  'news.example.org',
  'forum.example.net',
  'docs.example.dev',
  'blog.example.io',
];
const TAGS = ['travel', 'airline', 'policy', 'howto', 'news', 'review', 'faq', 'deal'];

const words = (rand: Random, min: number, max: number) =>
  Array.from({ length: int(rand, min, max) }, () => pick(rand, WORDS)).join(' ');

/**
 * `count` results as indented JSON. With `bigIds`, each `id` is a 19-digit integer (a snowflake id):
 * JSON.parse rounds those, a lossless parser must keep them.
 */
export function searchResults(count: number, { seed = 7, bigIds = false } = {}): string {
  const rand = prng(seed);
  const results = Array.from({ length: count }, (_, i) => {
    const domain = pick(rand, DOMAINS);
    const slug = words(rand, 2, 5).replaceAll(' ', '-');
    return {
      id: bigIds
        ? `${int(rand, 1e7, 9e7)}${String(int(rand, 0, 99_999_999_999)).padStart(11, '0')}`
        : `r_${i}`,
      rank: i + 1,
      title: words(rand, 4, 10),
      url: `https://${domain}/${slug}`,
      snippet: `${words(rand, 18, 40)}.`,
      score: Number(rand().toFixed(4)),
      published_at: new Date(Date.UTC(2023, 0, 1) + int(rand, 0, 500) * 86_400_000).toISOString(),
      source: { name: domain.split('.')[0], domain, verified: rand() < 0.7 },
      tags: Array.from({ length: int(rand, 0, 4) }, () => pick(rand, TAGS)),
      metrics: { views: int(rand, 0, 250_000), clicks: int(rand, 0, 9_000), ctr: Number(rand().toFixed(3)) },
    };
  });
  const text = JSON.stringify(results, null, 2);
  return bigIds ? text.replace(/"id": "(\d{19})"/g, '"id": $1') : text;
}
