import { defineSuite, int, pick, prng } from '@headroom/bench';
import {
  Bm25Batch,
  contentHash,
  getTokenizer,
  isErrorItem,
  MemoryCcrStore,
  queryTokens,
  rankRelevant,
  viewOf,
} from '@headroom/core';
import { type ChatMessage, tauBenchTrajectories } from './tau-bench.js';

/** ~600 entries: tau-bench conversations concatenated until 200 exchanges' worth of messages. */
function longConversation(): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const { traj } of tauBenchTrajectories()) {
    out.push(...traj.slice(out.length === 0 ? 0 : 1));
    if (out.length >= 600) break;
  }
  return out.slice(0, 600);
}

const view = defineSuite(
  {
    name: 'Message view: viewOf + units + tokens (600 tau-bench entries, counts cached)',
    setup() {
      const messages = longConversation();
      const tokenizer = getTokenizer('gpt-4o');
      viewOf(messages, { tokenizer }).totalTokens();
      return { messages, tokenizer };
    },
  },
  (s, { messages, tokenizer }) => {
    s.baseline('JSON.stringify(messages) (passthrough serialization)', () => JSON.stringify(messages));
    s.add('viewOf + units + totalTokens', () => viewOf(messages, { tokenizer }).totalTokens());
  },
);

const WORDS = 'request user order payment status ok timeout retry cache region node pod job queue'.split(' ');

const bm25 = defineSuite(
  {
    name: 'BM25: 1,000 documents × 30 tokens, one query',
    setup() {
      const rand = prng(11);
      const docs = Array.from({ length: 1000 }, (_, i) =>
        [`request ${i}`, ...Array.from({ length: 28 }, () => `${pick(rand, WORDS)}${int(rand, 0, 50)}`)].join(
          ' ',
        ),
      );
      const query = queryTokens('show request 637 timeout7');
      const best = rankRelevant(new Bm25Batch(docs).scores(query), { threshold: 0.3, max: 20 })[0];
      if (best?.index !== 637) throw new Error(`BM25 ranked ${best?.index} first, expected 637`);
      return { docs, query };
    },
  },
  (s, { docs, query }) => {
    s.baseline('substring scan (includes on every doc)', () =>
      docs.filter((d) => query.some((q) => d.includes(q))),
    );
    s.add('Bm25Batch + rankRelevant', () =>
      rankRelevant(new Bm25Batch(docs).scores(query), { threshold: 0.3, max: 20 }),
    );
  },
);

const errors = defineSuite(
  {
    name: 'Error detector: 1,000 JSON items (2 % errors)',
    setup() {
      const rand = prng(5);
      const items = Array.from({ length: 1000 }, (_, i) => ({
        id: `job-${i}`,
        status: i % 50 === 7 ? 'failed' : 'succeeded',
        duration_ms: int(rand, 10, 9000),
        error: null,
        region: pick(rand, ['us-east-1', 'eu-west-1', 'ap-south-1']),
      }));
      const found = items.filter((item) => isErrorItem(item)).length;
      if (found !== 20) throw new Error(`isErrorItem found ${found} errors, expected 20`);
      return { items };
    },
  },
  (s, { items }) => {
    s.baseline('JSON.stringify each item', () => items.map((item) => JSON.stringify(item)));
    s.add('isErrorItem each item', () => items.filter((item) => isErrorItem(item)));
  },
);

const store = defineSuite(
  {
    name: 'MemoryCcrStore: 1,000 puts + 1,000 gets (2 kB originals)',
    setup() {
      const originals = Array.from({ length: 1000 }, (_, i) => `${i}:${'x'.repeat(2000)}`);
      return { originals, hashes: originals.map(contentHash) };
    },
  },
  (s, { originals, hashes }) => {
    const put = (store: MemoryCcrStore, original: string) =>
      store.put({ original, kind: 'text', strategy: 'bench', unit: 'lines', omitted: 1, total: 2 });
    s.baseline('contentHash only (SHA-256 of each original)', () => originals.map(contentHash));
    s.add('put (hashing included)', () => {
      const store = new MemoryCcrStore();
      for (const original of originals) put(store, original);
      return store;
    });
    s.add('put + get', async () => {
      const store = new MemoryCcrStore();
      for (const original of originals) put(store, original);
      for (const hash of hashes) await store.get(hash);
      return store;
    });
  },
);

export default [view, bm25, errors, store];
