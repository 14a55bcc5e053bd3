/**
 * Bounded loopback load test (proxy.md §14, three processes): this process runs the mock upstream
 * (headers after a fixed delay, 20 ms by default: far below any real model) and the load generator;
 * child processes (plain Node on the built packages) run a bare node:http + undici pass-through
 * proxy (baseline) and the Headroom proxy. Reports added latency vs going direct, the proxy's own
 * `x-headroom-overhead-ms`, throughput vs the baseline, each proxy's CPU time per request and the
 * proxy's RSS.
 * Run: `pnpm bench:load` (env: LOAD_REQUESTS, LOAD_CONCURRENCY, LOAD_UPSTREAM_MS, LOAD_SCENARIOS,
 * LOAD_CPU_PROF, LOAD_CHECK); `pnpm bench:ci` is the short checked variant CI runs.
 */
import { anthropicToolRequest, bigJsonOutput } from '../src/test-utils/harness.js';
import {
  type Child,
  chatTurns,
  historyTurns,
  load,
  type Measured,
  startChild,
  startUpstream,
} from './load-kit.js';

const REQUESTS = Number(process.env.LOAD_REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.LOAD_CONCURRENCY ?? 64);
const UPSTREAM_MS = Number(process.env.LOAD_UPSTREAM_MS ?? 20);

const chat8k = chatTurns();
let seed = 0;
const fresh100k = () => Buffer.from(JSON.stringify(anthropicToolRequest(bigJsonOutput(100, seed++))));
const same100k = Buffer.from(JSON.stringify(anthropicToolRequest(bigJsonOutput(100, 999_999))));
// ~2.5 MB of history (100 tool results of 20 KB) and a new final question: nothing new to compress.
const history2mb = historyTurns();

const upstream = await startUpstream(UPSTREAM_MS);
const baseline = await startChild('baseline', upstream.url);
const headroom = await startChild('headroom', upstream.url);
console.log(
  `latency: sequential requests (${REQUESTS / 5}; 40 for the 2.5 MB case); throughput: ${REQUESTS * 5} requests over ${CONCURRENCY} connections (${REQUESTS} for the fresh 100 KB case, ${REQUESTS / 10} for 2.5 MB) after a warm-up of a fifth as many; loopback, upstream headers after ${UPSTREAM_MS} ms\n`,
);
console.log(
  '| scenario | baseline proxy added p50 / p99 (ms) | headroom added p50 / p99 (ms) | headroom overhead-ms p50 | baseline req/s | headroom req/s | proxy CPU µs/request (baseline / headroom) | headroom RSS | shed by backpressure (sequential / loaded) |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
/** proxy.md §14's targets: added p50 and `overhead-ms` p50 in ms, throughput share of the baseline. */
interface Targets {
  addedP50?: number;
  overheadP50?: number;
  share?: number;
}
const MB = history2mb().length / 1e6;
// [name, body, latency requests, throughput requests, targets]: cheap cases run longer, for steadier rates.
const scenarios: Array<[string, () => Buffer, number, number, Targets]> = [
  ['8 KB request, nothing to compress', chat8k, REQUESTS / 5, REQUESTS * 5, { addedP50: 1, share: 0.9 }],
  ['fresh 100 KB JSON tool result', fresh100k, REQUESTS / 5, REQUESTS, { addedP50: 10, overheadP50: 10 }],
  ['same 100 KB result, replayed from the memo', () => same100k, REQUESTS / 5, REQUESTS * 5, { addedP50: 2 }],
  [
    `${MB.toFixed(1)} MB conversation, nothing new`,
    history2mb,
    REQUESTS / 50,
    REQUESTS / 10,
    { overheadP50: 1 + 6 * MB },
  ],
];
/**
 * LOAD_CHECK=1 (CI's short variant, §14): exits 1 unless every scenario is within twice its latency
 * targets and the nothing-to-compress throughput is at least 80 % of the baseline's.
 */
const CHECK = process.env.LOAD_CHECK === '1';
const misses: string[] = [];
function check(name: string, t: Targets, added: number, overhead: number, share: number): void {
  if (t.addedP50 !== undefined && added > 2 * t.addedP50)
    misses.push(`${name}: added p50 ${added.toFixed(2)} ms > ${2 * t.addedP50} ms`);
  if (t.overheadP50 !== undefined && overhead > 2 * t.overheadP50)
    misses.push(`${name}: overhead-ms p50 ${overhead.toFixed(2)} > ${2 * t.overheadP50}`);
  if (t.share !== undefined && share < 0.8)
    misses.push(`${name}: throughput ${(share * 100).toFixed(0)} % of the baseline < 80 %`);
}
// LOAD_SCENARIOS=0,2 runs a subset (indexes into the list above).
const only = process.env.LOAD_SCENARIOS?.split(',').map(Number);
try {
  for (const [name, body, sequential, requests, targets] of scenarios.filter(
    (_, i) => !only || only.includes(i),
  )) {
    // Added latency: one request at a time (no queueing); throughput: CONCURRENCY connections.
    const lat = (u: string) => load(u, body, 1, sequential);
    const warm = (u: string) => load(u, body, CONCURRENCY, requests / 5);
    const tput = (u: string) => load(u, body, CONCURRENCY, requests);
    try {
      await lat(upstream.url);
      const direct = await lat(upstream.url);
      await lat(baseline.url);
      const baseLat = await lat(baseline.url);
      await lat(headroom.url);
      const oursLat = await lat(headroom.url);
      // CPU per request of each proxy process over its throughput run: robust to a noisy machine.
      const cpuPerRequest = async (child: Child, run: () => Promise<Measured>) => {
        const before = (await child.usage()).cpuUs;
        const result = await run();
        return { result, cpuUs: ((await child.usage()).cpuUs - before) / requests };
      };
      await warm(baseline.url);
      const { result: base, cpuUs: baseCpu } = await cpuPerRequest(baseline, () => tput(baseline.url));
      await warm(headroom.url);
      const { result: ours, cpuUs: oursCpu } = await cpuPerRequest(headroom, () => tput(headroom.url));
      const rss = (await headroom.usage()).rss / 1024 / 1024;
      if (CHECK) check(name, targets, oursLat.p50 - direct.p50, oursLat.overheadP50, ours.rps / base.rps);
      console.log(
        `| ${name} | ${(baseLat.p50 - direct.p50).toFixed(2)} / ${(baseLat.p99 - direct.p99).toFixed(2)} | ${(oursLat.p50 - direct.p50).toFixed(2)} / ${(oursLat.p99 - direct.p99).toFixed(2)} | ${oursLat.overheadP50.toFixed(2)} | ${base.rps.toFixed(0)} | ${ours.rps.toFixed(0)} (${((ours.rps / base.rps) * 100).toFixed(0)} %) | ${baseCpu.toFixed(0)} / ${oursCpu.toFixed(0)} | ${rss.toFixed(0)} MB | ${(oursLat.shed * 100).toFixed(0)} % / ${(ours.shed * 100).toFixed(0)} % |`,
      );
    } catch (error) {
      console.log(`| ${name} | failed: ${(error as Error).message} | | | | | | | |`);
      misses.push(`${name}: ${(error as Error).message}`);
    }
  }
} finally {
  baseline.stop();
  headroom.stop();
  upstream.close();
}
if (CHECK) {
  console.log(misses.length === 0 ? '\nwithin the CI targets' : `\nmissed:\n${misses.join('\n')}`);
  if (misses.length > 0) process.exitCode = 1;
}
