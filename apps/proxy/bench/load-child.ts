/** The proxy process of `load.ts`: a bare node:http + undici pass-through, or the Headroom proxy. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import { Agent } from 'undici';
import { createProxy } from '../src/index.js';

const [kind, upstream] = process.argv.slice(2) as ['baseline' | 'headroom', string];

async function baseline(): Promise<string> {
  const agent = new Agent({ connections: 256, pipelining: 1, keepAliveTimeout: 30_000 });
  const origin = new URL(upstream).origin;
  const server = createServer(async (req, res) => {
    try {
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(([k]) => k !== 'connection' && k !== 'host'),
      );
      const r = await agent.request({
        origin,
        path: req.url ?? '/',
        method: 'POST',
        headers: headers as Record<string, string>,
        body: req,
      });
      res.writeHead(r.statusCode, r.headers as Record<string, string>);
      await pipeline(r.body, res);
    } catch {
      res.destroy();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function headroom(): Promise<string> {
  const proxy = await createProxy({
    port: 0,
    store: 'memory',
    anthropicUpstream: upstream,
    log: { level: 'error' },
    // The 2 MB scenario is over the model's window: measure the plan, not the context rescue.
    contextManager: 'none',
  });
  return proxy.url;
}

const url = kind === 'baseline' ? await baseline() : await headroom();
process.on('message', () => process.send?.({ rss: process.memoryUsage().rss }));
process.send?.({ url });
