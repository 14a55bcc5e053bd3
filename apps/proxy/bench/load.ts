/**
 * Bounded loopback load test (proxy.md §14, three processes): this process runs the mock upstream
 * (headers after a fixed delay, 20 ms by default: far below any real model) and the load generator;
 * child processes run a bare node:http + undici pass-through proxy (baseline) and the Headroom
 * proxy. Reports added latency vs going direct, the proxy's own `x-headroom-overhead-ms`,
 * throughput vs the baseline, and the proxy's RSS.
 * Run: `pnpm bench:load` (env: LOAD_REQUESTS, LOAD_CONCURRENCY, LOAD_UPSTREAM_MS).
 */
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { anthropicToolRequest, bigJsonOutput, historyRequest } from '../src/test-utils/harness.js';

const REQUESTS = Number(process.env.LOAD_REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.LOAD_CONCURRENCY ?? 64);
const UPSTREAM_MS = Number(process.env.LOAD_UPSTREAM_MS ?? 20);

const reply = Buffer.from(
  JSON.stringify({
    id: 'x',
    type: 'message',
    role: 'assistant',
    content: [{ type: 'text', text: 'ok'.repeat(500) }],
    usage: { input_tokens: 10, output_tokens: 10 },
  }),
);

async function startUpstream(): Promise<{ url: string; close(): void }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': reply.length });
        res.end(reply);
      }, UPSTREAM_MS);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

interface Child {
  url: string;
  rss(): Promise<number>;
  stop(): void;
}

function startChild(kind: 'baseline' | 'headroom', upstream: string): Promise<Child> {
  const child = fork(new URL('./load-child.ts', import.meta.url), [kind, upstream], {
    execArgv: ['--conditions=@headroom/source', '--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve) => {
    child.once('message', (m: { url: string }) =>
      resolve({
        url: m.url,
        rss: () =>
          new Promise((r) => {
            child.once('message', (x: { rss: number }) => r(x.rss));
            child.send('rss');
          }),
        stop: () => child.kill(),
      }),
    );
  });
}

async function load(
  url: string,
  body: () => Buffer,
  concurrency: number,
  requests: number,
): Promise<{ p50: number; p99: number; rps: number; overheadP50: number; shed: number }> {
  const pool = new Pool(url, { connections: concurrency });
  const lat: number[] = [];
  const overhead: number[] = [];
  let shed = 0;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < requests) {
        const b = body();
        const s = performance.now();
        const r = await pool.request({
          path: '/v1/messages',
          method: 'POST',
          body: b,
          headers: {
            'content-type': 'application/json',
            'anthropic-version': '2023-06-01',
            'x-headroom-bypass': 'false',
          },
        });
        await r.body.arrayBuffer();
        lat.push(performance.now() - s);
        const o = r.headers['x-headroom-overhead-ms'];
        if (typeof o === 'string') overhead.push(Number(o));
        if (String(r.headers['x-headroom-fail-open'] ?? '').includes('backpressure')) shed++;
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  await pool.close();
  lat.sort((a, b) => a - b);
  overhead.sort((a, b) => a - b);
  return {
    p50: lat[Math.floor(lat.length / 2)]!,
    p99: lat[Math.floor(lat.length * 0.99)]!,
    rps: lat.length / secs,
    overheadP50: overhead[Math.floor(overhead.length / 2)] ?? Number.NaN,
    shed: shed / lat.length,
  };
}

const chat8k = Buffer.from(
  JSON.stringify({
    model: 'claude-sonnet-4-5',
    max_tokens: 64,
    messages: Array.from({ length: 16 }, (_, i) => ({
      role: i % 2 ? 'assistant' : 'user',
      content: `turn ${i} `.repeat(60),
    })),
  }),
);
let seed = 0;
const fresh100k = () => Buffer.from(JSON.stringify(anthropicToolRequest(bigJsonOutput(100, seed++))));
const same100k = Buffer.from(JSON.stringify(anthropicToolRequest(bigJsonOutput(100, 999_999))));
// ~2.5 MB of history (100 tool results of 20 KB) and a final user question: nothing new to compress.
const history2mb = historyRequest();

const upstream = await startUpstream();
const baseline = await startChild('baseline', upstream.url);
const headroom = await startChild('headroom', upstream.url);
console.log(
  `latency: sequential requests (a fifth of the throughput count); throughput: ${REQUESTS} requests over ${CONCURRENCY} connections (a tenth for the 2 MB case); loopback, upstream headers after ${UPSTREAM_MS} ms\n`,
);
console.log(
  '| scenario | baseline proxy added p50 / p99 (ms) | headroom added p50 / p99 (ms) | headroom overhead-ms p50 | baseline req/s | headroom req/s | headroom RSS | shed by backpressure (sequential / loaded) |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
const scenarios: Array<[string, () => Buffer, number]> = [
  ['8 KB request, nothing to compress', () => chat8k, REQUESTS],
  ['fresh 100 KB JSON tool result', fresh100k, REQUESTS],
  ['same 100 KB result, replayed from the memo', () => same100k, REQUESTS],
  [`${(history2mb.length / 1e6).toFixed(1)} MB conversation, nothing new`, () => history2mb, REQUESTS / 10],
];
try {
  for (const [name, body, requests] of scenarios) {
    // Added latency: one request at a time (no queueing); throughput: CONCURRENCY connections.
    const lat = (u: string) => load(u, body, 1, Math.ceil(requests / 5));
    const tput = (u: string) => load(u, body, CONCURRENCY, requests);
    try {
      await lat(upstream.url);
      const direct = await lat(upstream.url);
      await lat(baseline.url);
      const baseLat = await lat(baseline.url);
      await lat(headroom.url);
      const oursLat = await lat(headroom.url);
      const base = await tput(baseline.url);
      const ours = await tput(headroom.url);
      const rss = (await headroom.rss()) / 1024 / 1024;
      console.log(
        `| ${name} | ${(baseLat.p50 - direct.p50).toFixed(2)} / ${(baseLat.p99 - direct.p99).toFixed(2)} | ${(oursLat.p50 - direct.p50).toFixed(2)} / ${(oursLat.p99 - direct.p99).toFixed(2)} | ${oursLat.overheadP50.toFixed(2)} | ${base.rps.toFixed(0)} | ${ours.rps.toFixed(0)} (${((ours.rps / base.rps) * 100).toFixed(0)} %) | ${rss.toFixed(0)} MB | ${(oursLat.shed * 100).toFixed(0)} % / ${(ours.shed * 100).toFixed(0)} % |`,
      );
    } catch (error) {
      console.log(`| ${name} | failed: ${(error as Error).message} | | | | | | |`);
    }
  }
} finally {
  baseline.stop();
  headroom.stop();
  upstream.close();
}
