import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { isHeadroomError } from '@headroom/core';
import { afterEach, describe, expect, it } from 'vitest';
import { StatsSchema } from '../api-schemas.js';
import { createProxy } from '../server.js';
import { type Harness, post, startHarness } from '../test-utils/harness.js';
import { anthropicMessage, text } from '../testing/fixtures.js';
import { json } from '../testing/mock-upstream.js';

let h: Harness;
afterEach(async () => h?.close());

/** A raw GET with chosen Host/Origin headers (fetch forbids setting Host). */
function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => {
        body += c.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

function nonLoopbackAddress(): string | undefined {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return undefined;
}

describe('security defaults', () => {
  it('refuses a non-loopback bind without allowRemote and a 32+ character token', async () => {
    const err = await createProxy({ host: '0.0.0.0', port: 0, store: 'memory' }).catch((e: unknown) => e);
    expect(isHeadroomError(err, 'INVALID_CONFIG')).toBe(true);
    const short = await createProxy({
      host: '0.0.0.0',
      port: 0,
      store: 'memory',
      allowRemote: true,
      proxyToken: 'short',
    }).catch((e: unknown) => e);
    expect(isHeadroomError(short, 'INVALID_CONFIG')).toBe(true);
  });

  it('local routes need a local Host and no foreign Origin; the dashboard has a strict CSP', async () => {
    h = await startHarness();
    const foreign = await rawGet(`${h.proxy.url}/stats`, { host: 'evil.example:8787' });
    expect(foreign.status).toBe(404);
    const origin = await rawGet(`${h.proxy.url}/stats`, { host: 'localhost', origin: 'http://evil.example' });
    expect(origin.status).toBe(404);
    expect(origin.headers['access-control-allow-origin']).toBeUndefined();
    const dash = await fetch(`${h.proxy.url}/dashboard`);
    expect(dash.status).toBe(200);
    expect(dash.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(dash.headers.get('x-frame-options')).toBe('DENY');
  });

  it('remote callers need the inbound token; /health tells them only ok', async () => {
    const address = nonLoopbackAddress();
    if (!address) throw new Error('this test needs a non-loopback IPv4 interface');
    const token = 't'.repeat(40);
    h = await startHarness({
      config: { host: '0.0.0.0', allowRemote: true, proxyToken: token },
      openai: () => json(200, { ok: true }),
    });
    const base = `http://${address}:${h.proxy.port}`;
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'ok' });
    const denied = await post(`${base}/v1/chat/completions`, '{"messages":[]}');
    expect(denied.status).toBe(401);
    const allowed = await post(`${base}/v1/chat/completions`, '{"messages":[]}', {
      'x-headroom-proxy-token': token,
    });
    expect(allowed.status).toBe(200);
    expect(h.openai.requests[0]!.headers['x-headroom-proxy-token']).toBeUndefined();
    const stats = await fetch(`${base}/stats`, { headers: { 'x-headroom-proxy-token': token } });
    expect(stats.status).toBe(404);
  });
});

describe('observability', () => {
  it('/metrics is Prometheus text whose histogram counts match the requests; /stats matches its schema', async () => {
    h = await startHarness({ anthropic: () => json(200, anthropicMessage([text('x')])) });
    for (let i = 0; i < 3; i++) {
      await (
        await post(`${h.proxy.url}/v1/messages`, JSON.stringify({ model: 'claude-opus-4', messages: [] }), {
          'anthropic-version': '2023-06-01',
        })
      ).text();
    }
    const metrics = await (await fetch(`${h.proxy.url}/metrics`)).text();
    for (const line of metrics.trim().split('\n')) {
      expect(line).toMatch(/^(# (HELP|TYPE) \w+ .+|\w+(\{[^}]*\})? -?[\d.e+-]+)$/);
    }
    expect(metrics).toContain(
      'headroom_request_duration_seconds_count{endpoint="messages",provider="anthropic"} 3',
    );
    expect(metrics).toContain('headroom_overhead_seconds_count{endpoint="messages"} 3');
    expect(metrics).toContain('headroom_tokens_before_total{family="claude-opus",provider="anthropic"}');
    const stats = StatsSchema.parse(await (await fetch(`${h.proxy.url}/stats`)).json());
    expect(stats.requests.total).toBe(3);
    expect(stats.requests.byProvider.anthropic).toBe(3);
    const health = (await (await fetch(`${h.proxy.url}/health`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({
      status: 'ok',
      service: 'headroom-proxy',
      mode: 'cache',
      store: { kind: 'memory', ok: true },
    });
  });

  it('/v1/compress returns the compress JSON object and /v1/retrieve serves the original', async () => {
    h = await startHarness();
    const { CompressJsonSchema, PipelineJsonSchema } = await import('../api-schemas.js');
    const content = JSON.stringify(
      Array.from({ length: 400 }, (_, i) => ({ id: i, ok: i % 9 !== 0, note: 'routine status line' })),
    );
    const r = CompressJsonSchema.parse(
      await (await post(`${h.proxy.url}/v1/compress`, JSON.stringify({ content }))).json(),
    );
    expect(r.tokensAfter).toBeLessThan(r.tokensBefore);
    expect(r.ccr.length).toBeGreaterThan(0);
    const original = await fetch(`${h.proxy.url}/v1/retrieve/${r.ccr[0]!.hash}`);
    expect(await original.text()).toBe(content);
    expect((await fetch(`${h.proxy.url}/v1/retrieve/nothex`)).status).toBe(400);
    expect((await fetch(`${h.proxy.url}/v1/retrieve/aaaaaaaaaaaaaaaaaaaaaaaa`)).status).toBe(404);
    const bad = await post(`${h.proxy.url}/v1/compress`, JSON.stringify({ nope: 1 }));
    expect(bad.status).toBe(400);
    const pipeline = PipelineJsonSchema.parse(
      await (
        await post(
          `${h.proxy.url}/v1/compress`,
          JSON.stringify({ messages: [{ role: 'user', content: 'hello' }] }),
        )
      ).json(),
    );
    expect(pipeline.messages).toEqual([{ role: 'user', content: 'hello' }]);
  });
});
