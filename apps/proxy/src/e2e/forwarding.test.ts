import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { bigJsonOutput, type Harness, post, startHarness, TEST_KEY } from '../test-utils/harness.js';
import { anthropicMessage, text } from '../testing/fixtures.js';
import { json } from '../testing/mock-upstream.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const GOLDEN = Buffer.from(
  `{ "model":"claude-sonnet-4-5","max_tokens":  1024, "metadata":{"big":12345678901234567890123},
  "messages":[{"role":"user","content":"BODYTEXT caf\\u00e9 \\ud83d\\ude00"},
   {"role":"assistant","content":[{"type":"thinking","thinking":"hm","signature":"EqQBCkgIARAB\\/+=="},{"type":"text","text":"ok"}]},
   {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"short"}]}],
  "zeta":true }`,
);

let h: Harness;
afterEach(async () => h?.close());

describe('forwarding', () => {
  it('forwards SHA-256-identical bytes when nothing is compressed, with metering headers', async () => {
    h = await startHarness({ anthropic: () => json(200, anthropicMessage([text('hi')])) });
    const res = await post(`${h.proxy.url}/v1/messages?beta=true`, GOLDEN, {
      'x-api-key': TEST_KEY,
      'anthropic-version': '2023-06-01',
      'anthropic-beta': 'tools-2024-04-04,caf\u00e9',
      'x-headroom-session-id': 'sess-1',
      'X-Custom-Case': 'Kept',
    });
    expect(res.status).toBe(200);
    await res.json();
    const got = h.anthropic.requests[0]!;
    expect(sha(got.body)).toBe(sha(GOLDEN));
    expect(got.url).toBe('/v1/messages?beta=true');
    expect(got.headers['x-api-key']).toBe(TEST_KEY);
    expect(got.headers['anthropic-beta']).toBe('tools-2024-04-04,caf\u00e9');
    expect(got.rawHeaders).toContain('X-Custom-Case');
    expect(Object.keys(got.headers).some((k) => k.startsWith('x-headroom'))).toBe(false);
    expect(got.headers['accept-encoding']).toBe('identity');
    for (const k of ['before', 'after', 'saved'])
      expect(res.headers.get(`x-headroom-tokens-${k}`)).toMatch(/^-?\d+$/);
    expect(Number(res.headers.get('x-headroom-tokens-before'))).toBeGreaterThan(20);
    expect(res.headers.get('x-headroom-overhead-ms')).toMatch(/^\d+\.\d\d$/);
    expect(res.headers.get('x-headroom-mode')).toBe('cache');
  });

  it('passes other paths through untouched, both ways, including gzip and count_tokens', async () => {
    h = await startHarness({
      anthropic: (req) => (res) => {
        res.writeHead(201, {
          'content-type': 'application/json',
          'content-encoding': 'gzip',
          'x-upstream': 'yes',
        });
        res.end(Buffer.concat([Buffer.from('echo:'), req.body]));
      },
    });
    const body = Buffer.from(
      `{"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"${bigJsonOutput(4).replace(/"/g, "'")}"}]}`,
    );
    const res = await fetch(`${h.proxy.url}/v1/messages/count_tokens`, {
      method: 'POST',
      body,
      headers: { 'anthropic-version': '2023-06-01', 'accept-encoding': 'gzip' },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-upstream')).toBe('yes');
    expect(res.headers.get('x-headroom-tokens-before')).toBeNull();
    expect(sha(h.anthropic.requests[0]!.body)).toBe(sha(body));
    expect(h.anthropic.requests[0]!.headers['accept-encoding']).toBe('gzip');
  });

  it('routes passthrough by headers: OpenAI without anthropic headers', async () => {
    h = await startHarness({ openai: () => json(200, { data: [] }) });
    const res = await fetch(`${h.proxy.url}/v1/models`, { headers: { authorization: 'Bearer sk-openai' } });
    expect(await res.json()).toEqual({ data: [] });
    expect(h.openai.requests[0]!.headers.authorization).toBe('Bearer sk-openai');
    expect(h.anthropic.requests).toHaveLength(0);
  });

  it('passes upstream 4xx and 5xx bodies and statuses through unchanged', async () => {
    const body = { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } };
    h = await startHarness({
      anthropic: (_r, i) => json(i === 0 ? 429 : 500, body, { 'retry-after': '7' }),
    });
    for (const status of [429, 500]) {
      const res = await post(
        `${h.proxy.url}/v1/messages`,
        JSON.stringify({ model: 'claude-haiku-4', messages: [] }),
        {
          'anthropic-version': '2023-06-01',
        },
      );
      expect(res.status).toBe(status);
      expect(await res.json()).toEqual(body);
      expect(res.headers.get('retry-after')).toBe('7');
    }
  });

  it('fails open on a body that is not JSON', async () => {
    h = await startHarness({ openai: () => json(400, { error: { message: 'bad json' } }) });
    const res = await post(`${h.proxy.url}/v1/chat/completions`, '{"model": "gpt-4o", nope');
    expect(res.status).toBe(400);
    expect(res.headers.get('x-headroom-fail-open')).toBe('parse');
    expect(h.openai.requests[0]!.body.toString()).toBe('{"model": "gpt-4o", nope');
  });

  it('answers 502 in the provider shape when the upstream is unreachable, 413 when too large', async () => {
    h = await startHarness({ config: { anthropicUpstream: 'http://127.0.0.1:9', maxBodyBytes: 1024 } });
    const res = await post(`${h.proxy.url}/v1/messages`, '{"messages":[]}', {
      'anthropic-version': '2023-06-01',
    });
    expect(res.status).toBe(502);
    expect(res.headers.get('x-headroom-error')).toBe('upstream_unreachable');
    expect(((await res.json()) as { type: string }).type).toBe('error');
    const big = await post(
      `${h.proxy.url}/v1/chat/completions`,
      JSON.stringify({ messages: [{ role: 'user', content: 'x'.repeat(4000) }] }),
    );
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { code: string } }).error.code).toBe('request_too_large');
  });

  it('never logs keys or bodies', async () => {
    h = await startHarness({ anthropic: () => json(200, anthropicMessage([text('hi')])) });
    await (
      await post(`${h.proxy.url}/v1/messages?secret=q`, GOLDEN, {
        'x-api-key': TEST_KEY,
        'anthropic-version': '2023-06-01',
      })
    ).text();
    await (await fetch(`${h.proxy.url}/v1/models`, { headers: { 'x-api-key': TEST_KEY } })).text();
    expect(h.logs.length).toBeGreaterThan(0);
    const all = h.logs.join('\n');
    expect(all).not.toContain(TEST_KEY);
    expect(all).not.toContain('BODYTEXT');
    expect(all).not.toContain('secret=q');
  });
});
