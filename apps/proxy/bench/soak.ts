/**
 * Soak (proxy.md §14): 100,000 requests through the Headroom proxy (a child on the built packages)
 * over 64 connections — new turns of 8 KB chats, fresh 100 KB tool results, replays of one result
 * and 2.5 MB histories — with the proxy's RSS and live libuv resources (sockets, timers, handles)
 * sampled after a warm-up and every tenth of the run. Targets: RSS growth < 50 MB, no handle leak.
 * Run: `pnpm bench:soak` (env: SOAK_REQUESTS, LOAD_CONCURRENCY).
 */
import { anthropicToolRequest, bigJsonOutput } from '../src/test-utils/harness.js';
import { chatTurns, historyTurns, load, startChild, startUpstream, type Usage } from './load-kit.js';

const REQUESTS = Number(process.env.SOAK_REQUESTS ?? 100_000);
const CONCURRENCY = Number(process.env.LOAD_CONCURRENCY ?? 64);
const WARM_UP = Math.min(5_000, REQUESTS / 10);

const conversations = Array.from({ length: 8 }, (_, c) => chatTurns(`conversation ${c} `));
const history = historyTurns();
const replay = Buffer.from(JSON.stringify(anthropicToolRequest(bigJsonOutput(100, 999_999))));
let seed = 0;
let n = 0;
/** Mostly chat turns; every 50th a fresh 100 KB result, every 10th a replay, every 500th 2.5 MB. */
const mixed = (): Buffer => {
  const i = n++;
  if (i % 500 === 0) return history();
  if (i % 50 === 0) return Buffer.from(JSON.stringify(anthropicToolRequest(bigJsonOutput(100, seed++))));
  if (i % 10 === 0) return replay;
  return conversations[i % conversations.length]!();
};

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const upstream = await startUpstream(5);
const proxy = await startChild('headroom', upstream.url);
try {
  await load(proxy.url, mixed, CONCURRENCY, WARM_UP);
  const start: Usage = await proxy.usage();
  console.log(
    `after ${WARM_UP} warm-up requests: RSS ${mb(start.rss)} MB, ${start.resources} live resources`,
  );
  const step = Math.ceil(REQUESTS / 10);
  let end = start;
  let peak = start.rss;
  for (let done = 0; done < REQUESTS; done += step) {
    const r = await load(proxy.url, mixed, CONCURRENCY, Math.min(step, REQUESTS - done));
    end = await proxy.usage();
    peak = Math.max(peak, end.rss);
    console.log(
      `${done + Math.min(step, REQUESTS - done)} requests: RSS ${mb(end.rss)} MB, ${end.resources} live resources, ${r.rps.toFixed(0)} req/s, p99 ${r.p99.toFixed(1)} ms`,
    );
  }
  console.log(
    `\nRSS growth ${mb(end.rss - start.rss)} MB (peak ${mb(peak)} MB); live resources ${start.resources} → ${end.resources}`,
  );
} finally {
  proxy.stop();
  upstream.close();
}
