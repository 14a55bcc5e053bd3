/**
 * Bounded loopback load test (two processes): this process runs the mock upstream and the load
 * generator; a child process runs either a bare node:http + undici pass-through proxy (baseline) or
 * the Headroom proxy. Reports added latency vs going direct, throughput vs the baseline, and the
 * proxy's RSS. Run: `node --conditions=@headroom/source --import tsx bench/load.ts`.
 */
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { anthropicToolRequest, bigJsonOutput } from '../src/test-utils/harness.js';

const REQUESTS = Number(process.env.LOAD_REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.LOAD_CONCURRENCY ?? 16);

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
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': reply.length });
      res.end(reply);
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
): Promise<{ p50: number; p99: number; rps: number }> {
  const pool = new Pool(url, { connections: concurrency });
  const lat: number[] = [];
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
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  await pool.close();
  lat.sort((a, b) => a - b);
  return {
    p50: lat[Math.floor(lat.length / 2)]!,
    p99: lat[Math.floor(lat.length * 0.99)]!,
    rps: lat.length / secs,
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

const upstream = await startUpstream();
const baseline = await startChild('baseline', upstream.url);
const headroom = await startChild('headroom', upstream.url);
const rows: string[] = [];
for (const [name, body] of [
  ['8 KB request, nothing to compress', () => chat8k],
  ['fresh 100 KB JSON tool result', fresh100k],
] as const) {
  // Added latency: one request at a time (no queueing); throughput: CONCURRENCY connections.
  const lat = (u: string) => load(u, body, 1, Math.ceil(REQUESTS / 5));
  const tput = (u: string) => load(u, body, CONCURRENCY, REQUESTS);
  await lat(upstream.url);
  const direct = await lat(upstream.url);
  await lat(baseline.url);
  const baseLat = await lat(baseline.url);
  await lat(headroom.url);
  const oursLat = await lat(headroom.url);
  const base = await tput(baseline.url);
  const ours = await tput(headroom.url);
  const rss = (await headroom.rss()) / 1024 / 1024;
  rows.push(
    `| ${name} | ${(baseLat.p50 - direct.p50).toFixed(2)} / ${(baseLat.p99 - direct.p99).toFixed(2)} | ${(oursLat.p50 - direct.p50).toFixed(2)} / ${(oursLat.p99 - direct.p99).toFixed(2)} | ${base.rps.toFixed(0)} | ${ours.rps.toFixed(0)} (${((ours.rps / base.rps) * 100).toFixed(0)} %) | ${rss.toFixed(0)} MB |`,
  );
}
console.log(
  `latency: ${Math.ceil(REQUESTS / 5)} sequential requests; throughput: ${REQUESTS} requests over ${CONCURRENCY} connections; loopback, upstream answers at once\n`,
);
console.log(
  '| scenario | baseline proxy added p50 / p99 (ms) | headroom added p50 / p99 (ms) | baseline req/s | headroom req/s | headroom RSS |',
);
console.log('|---|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(r);
baseline.stop();
headroom.stop();
upstream.close();
