/**
 * The proxy process of `load.ts`: a bare node:http + undici pass-through, or the Headroom proxy.
 * Plain JavaScript on the built `dist/`, as users run it: a TypeScript loader would add its own
 * per-closure cost (esbuild's keepNames) to the Headroom side only.
 */
import { createServer } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { createProxy } from '@headroom/proxy';
import { Agent } from 'undici';

const [kind, upstream] = process.argv.slice(2);

async function baseline() {
  const agent = new Agent({ connections: 256, pipelining: 1, keepAliveTimeout: 30_000 });
  const origin = new URL(upstream).origin;
  const server = createServer(async (req, res) => {
    try {
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(([k]) => k !== 'connection' && k !== 'host'),
      );
      const r = await agent.request({ origin, path: req.url ?? '/', method: 'POST', headers, body: req });
      res.writeHead(r.statusCode, r.headers);
      await pipeline(r.body, res);
    } catch {
      res.destroy();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${server.address().port}`;
}

async function headroom() {
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
process.on('message', () => {
  const cpu = process.cpuUsage();
  process.send?.({
    rss: process.memoryUsage().rss,
    cpuUs: cpu.user + cpu.system,
    resources: process.getActiveResourcesInfo().length,
  });
});
// A clean exit on SIGTERM, so `--cpu-prof` writes its profile.
process.on('SIGTERM', () => process.exit(0));
process.send?.({ url });
