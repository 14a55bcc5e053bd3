/** The pieces of the loopback benches (`load.ts`, `soak.ts`): mock upstream, proxy children, load. */
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { historyRequest } from '../src/test-utils/harness.js';

/** What a child reports: resident memory, CPU time so far (µs) and live libuv resources. */
export interface Usage {
  rss: number;
  cpuUs: number;
  resources: number;
}

const reply = Buffer.from(
  JSON.stringify({
    id: 'x',
    type: 'message',
    role: 'assistant',
    content: [{ type: 'text', text: 'ok'.repeat(500) }],
    usage: { input_tokens: 10, output_tokens: 10 },
  }),
);

/** The mock upstream: headers after `delayMs`, then a small Anthropic message. */
export async function startUpstream(delayMs: number): Promise<{ url: string; close(): void }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': reply.length });
        res.end(reply);
      }, delayMs);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

export interface Child {
  url: string;
  /** Resident memory and CPU time (µs, user + system) of the child so far. */
  usage(): Promise<Usage>;
  stop(): void;
}

export function startChild(kind: 'baseline' | 'headroom', upstream: string): Promise<Child> {
  const child = fork(new URL('./load-child.mjs', import.meta.url), [kind, upstream], {
    // LOAD_CPU_PROF=DIR writes CPU profiles of the children when they stop.
    execArgv: [
      ...(process.env.LOAD_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.LOAD_CPU_PROF}`] : []),
    ],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve) => {
    child.once('message', (m: { url: string }) =>
      resolve({
        url: m.url,
        usage: () =>
          new Promise((r) => {
            child.once('message', (x: Usage) => r(x));
            child.send('usage');
          }),
        stop: () => child.kill(),
      }),
    );
  });
}

export interface Measured {
  p50: number;
  p99: number;
  rps: number;
  overheadP50: number;
  shed: number;
}

export async function load(
  url: string,
  body: () => Buffer,
  concurrency: number,
  requests: number,
): Promise<Measured> {
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

/**
 * Each call returns `body` with a new question in place of `slot`: the next turn of a conversation
 * (same history, a new last message), as agents send it.
 */
function nextTurns(body: Buffer, slot: string): () => Buffer {
  const at = body.indexOf(slot);
  const [head, tail] = [body.subarray(0, at), body.subarray(at + slot.length)];
  let turn = 0;
  return () => Buffer.concat([head, Buffer.from(`and question ${turn++}?`), tail]);
}

const SLOT = 'QUESTION';

/** A ~8 KB chat of 15 turns (`turn i` repeated) whose every call is its next turn. */
export function chatTurns(label = ''): () => Buffer {
  const messages = Array.from({ length: 15 }, (_, i) => ({
    role: i % 2 ? 'assistant' : 'user',
    content: `${label}turn ${i} `.repeat(60),
  }));
  const body = {
    model: 'claude-sonnet-4-5',
    max_tokens: 64,
    messages: [...messages, { role: 'user', content: SLOT }],
  };
  return nextTurns(Buffer.from(JSON.stringify(body)), SLOT);
}

/** `historyRequest`'s 2.5 MB conversation whose every call is its next turn. */
export function historyTurns(): () => Buffer {
  return nextTurns(historyRequest(SLOT), SLOT);
}
