/**
 * `pnpm --filter @headroom/store bench:latency`: put and get latency (p50, p99) and throughput per
 * backend and entry size, written between the latency markers of README.md. The bench harness's
 * tables (`pnpm bench store`) give the median and p95; this adds the p99 the issue asks for.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  currentMachine,
  formatDuration,
  formatMachine,
  formatNumber,
  median,
  percentile,
} from '@headroom/bench';
import { body, entry, openBenchStores, SIZES } from './backends.js';

const OPS: Record<string, number> = { '1 KB': 3000, '100 KB': 1000, '1 MB': 200 };
const WARMUP = 50;
const README = fileURLToPath(new URL('../README.md', import.meta.url));
const START = '<!-- latency:start -->';
const END = '<!-- latency:end -->';

async function time(n: number, op: (i: number) => unknown): Promise<{ samples: number[]; totalMs: number }> {
  const samples: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    await op(i);
    samples.push(performance.now() - s);
  }
  return { samples, totalMs: performance.now() - t0 };
}

const ms = (x: number) => formatDuration(x * 1e6);

const rows: string[] = [];
const { stores, close } = await openBenchStores();
let counter = 0;
try {
  for (const { label, bytes } of SIZES) {
    const text = body(bytes);
    const n = OPS[label]!;
    for (const { name, store } of stores) {
      const hashes: string[] = [];
      const put = async () => {
        hashes.push(store.put(entry(text, counter++)));
        await store.flush();
      };
      await time(WARMUP, put);
      const puts = await time(n, put);
      const gets = await time(n, (i) => store.get(hashes[i % hashes.length]!));
      const cells = [puts, gets].flatMap(({ samples, totalMs }) => [
        ms(median(samples)),
        ms(percentile(samples, 99)),
        `${formatNumber((n * 1000) / totalMs)} ops/s`,
        `${formatNumber((n * bytes) / 1e3 / totalMs, 1)} MB/s`,
      ]);
      rows.push(`| ${name} | ${label} | ${cells.join(' | ')} |`);
      process.stderr.write(`${rows.at(-1)}\n`);
    }
  }
} finally {
  await close();
}

const table = [
  `Measured on ${formatMachine(currentMachine())}; ${Object.entries(OPS)
    .map(([size, count]) => `${formatNumber(count)} operations at ${size}`)
    .join(
      ', ',
    )}, after ${WARMUP} warm-up puts. Put = \`put\` + \`flush()\` (durable); get verifies the checksum. Regenerate with \`pnpm --filter @headroom/store bench:latency\`.`,
  '',
  '| Backend | Size | put p50 | put p99 | put ops/s | put MB/s | get p50 | get p99 | get ops/s | get MB/s |',
  '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows,
].join('\n');
const readme = readFileSync(README, 'utf8');
const start = readme.indexOf(START);
const end = readme.indexOf(END);
if (start < 0 || end < start) throw new Error(`README.md needs ${START} … ${END}`);
writeFileSync(README, `${readme.slice(0, start + START.length)}\n\n${table}\n\n${readme.slice(end)}`);
process.stdout.write(`${table}\n`);
