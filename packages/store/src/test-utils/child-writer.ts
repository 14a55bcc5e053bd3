/**
 * A separate process that writes to a store and exits, for restart and multi-process tests:
 * `node --import tsx child-writer.ts '<json args>'`. Prints the hashes it wrote as JSON.
 */
import { openStore } from '../open-store.js';
import { ccrPut } from '../testing/contract.js';
import { corpusText } from '../testing/corpus.js';

interface Args {
  url: string;
  home: string;
  label: string;
  count: number;
  bytes: number;
  /** Flush after every this many puts (more transactions, more contention). */
  flushEvery: number;
}

const args = JSON.parse(process.argv[2] ?? '{}') as Args;
const store = await openStore(args.url, { home: args.home, role: 'cli' });
const hashes: string[] = [];
for (let i = 0; i < args.count; i++) {
  const original = `${args.label} ${i} ${corpusText(i, args.bytes)}`;
  const hash = store.put(ccrPut(original));
  hashes.push(hash);
  const key = `${Buffer.from(args.label).toString('hex')}${i.toString(16).padStart(8, '0')}`;
  await store.memoPut(key, {
    output: `memo of ${i}`,
    ccrRefs: [hash],
    tokensBefore: 10,
    tokensAfter: 1,
    strategy: args.label,
    createdAt: i,
  });
  if (i % args.flushEvery === args.flushEvery - 1) await store.flush();
}
await store.flush();
await store.ledger.add(new Date().toISOString().slice(0, 10), args.label, 'family', { requests: args.count });
await store.toin.save({
  version: 1,
  exportedAt: 1,
  instanceId: '0123456789abcdef',
  patterns: { [args.label]: 1 },
});
if (!store.health().ok) throw new Error(`store went ${store.health().state}: ${store.health().lastError}`);
await store.close();
process.stdout.write(JSON.stringify(hashes));
