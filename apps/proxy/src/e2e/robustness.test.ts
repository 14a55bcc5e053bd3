import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  anthropicToolRequest,
  bigJsonOutput,
  type Harness,
  post,
  startHarness,
} from '../test-utils/harness.js';
import { anthropicMessage, chatStream, text } from '../testing/fixtures.js';
import { json, slowHeaders, sse, stall } from '../testing/mock-upstream.js';

const H = { 'anthropic-version': '2023-06-01', 'x-api-key': 'k' };
let h: Harness;
afterEach(async () => h?.close());

describe('aborts, timeouts and broken streams', () => {
  it('a client abort closes the upstream request promptly', async () => {
    h = await startHarness({ anthropic: () => stall(10_000) });
    const controller = new AbortController();
    const res = await post(
      `${h.proxy.url}/v1/messages`,
      JSON.stringify({ model: 'claude-haiku-4', stream: true, messages: [] }),
      H,
    );
    const reader = res.body!.getReader();
    await reader.read();
    const t0 = Date.now();
    controller.abort();
    await reader.cancel();
    const outcome = await h.anthropic.requests[0]!.done;
    expect(outcome).toBe('closed');
    expect(Date.now() - t0).toBeLessThan(1000);
    await new Promise((r) => setTimeout(r, 50));
    const stats = (await (await fetch(`${h.proxy.url}/stats`)).json()) as {
      requests: { clientAborts: number };
    };
    expect(stats.requests.clientAborts).toBe(1);
  });

  it('a header stall past upstreamTimeoutMs gives a 504 in the provider shape', async () => {
    h = await startHarness({
      config: { upstreamTimeoutMs: 200 },
      openai: () => slowHeaders(2000, json(200, {})),
    });
    const res = await post(
      `${h.proxy.url}/v1/chat/completions`,
      JSON.stringify({ model: 'gpt-4o', messages: [] }),
    );
    expect(res.status).toBe(504);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('upstream_timeout');
  });

  it('a stream the upstream destroys mid-way reaches the client as an error, never a clean end', async () => {
    h = await startHarness({
      openai: () => sse(chatStream('a long answer that never finishes'), { destroyAfterEvents: 2 }),
    });
    const res = await post(
      `${h.proxy.url}/v1/chat/completions`,
      JSON.stringify({ model: 'gpt-4o', stream: true, messages: [] }),
    );
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
  });

  it('a truncated stream is relayed as is (no invented end events)', async () => {
    const events = chatStream('partial');
    h = await startHarness({ openai: () => sse(events, { truncateAfterEvents: 2 }) });
    const res = await post(
      `${h.proxy.url}/v1/chat/completions`,
      JSON.stringify({ model: 'gpt-4o', stream: true, messages: [] }),
    );
    const body = await res.text();
    expect(body).not.toContain('[DONE]');
    expect(body.split('\n\n').filter(Boolean)).toHaveLength(2);
  });

  it('fails open with the original bytes when compression throws on a store that rejects', async () => {
    h = await startHarness({ anthropic: () => json(200, anthropicMessage([text('ok')])) });
    h.store.flush = () => Promise.reject(new Error('disk gone'));
    const raw = JSON.stringify(anthropicToolRequest(bigJsonOutput(60)));
    const res = await post(`${h.proxy.url}/v1/messages`, raw, H);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-headroom-fail-open')).toContain('store_unavailable');
    // Lossy results need a durable original, so the unit is forwarded as the client sent it (the tool is still appended).
    expect(h.anthropic.requests[0]!.body.toString()).toContain(JSON.stringify(bigJsonOutput(60)));
  });
});

describe('deadline', () => {
  it('a spent compression budget forwards the unit unchanged and says so', async () => {
    h = await startHarness({
      config: { compressionBudgetMs: 1 },
      anthropic: () => json(200, anthropicMessage([text('ok')])),
    });
    const output = bigJsonOutput(200);
    const res = await post(`${h.proxy.url}/v1/messages`, JSON.stringify(anthropicToolRequest(output)), H);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-headroom-fail-open')).toContain('deadline');
    expect(h.anthropic.requests[0]!.body.toString()).toContain(JSON.stringify(output));
  });
});

describe('fuzzing', () => {
  it('malformed and odd bodies never crash the proxy', async () => {
    h = await startHarness({ anthropic: () => json(200, { ok: 1 }), openai: () => json(200, { ok: 1 }) });
    const paths = ['/v1/messages', '/v1/chat/completions', '/v1/responses'];
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc.json({ maxDepth: 4 }),
          fc
            .record({
              messages: fc.array(fc.anything({ maxDepth: 3 }), { maxLength: 4 }),
              tools: fc.anything({ maxDepth: 2 }),
              stream: fc.boolean(),
            })
            .map((o) => JSON.stringify(o)),
        ),
        fc.constantFrom(...paths),
        async (body, path) => {
          const res = await post(`${h.proxy.url}${path}`, body, H);
          expect(res.status).toBe(200);
          await res.arrayBuffer();
        },
      ),
      { numRuns: 60 },
    );
    const health = await fetch(`${h.proxy.url}/health`);
    expect(((await health.json()) as { status: string }).status).toBe('ok');
  }, 60_000);
});
