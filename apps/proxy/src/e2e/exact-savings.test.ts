import { afterEach, describe, expect, it } from 'vitest';
import type { Stats } from '../api-schemas.js';
import {
  anthropicToolRequest,
  bigJsonOutput,
  type Harness,
  post,
  startHarness,
  TEST_KEY,
} from '../test-utils/harness.js';
import { anthropicMessage, text } from '../testing/fixtures.js';
import { json, type Script } from '../testing/mock-upstream.js';

let h: Harness | undefined;
afterEach(async () => h?.close());

/** Anthropic stand-in: count_tokens "counts" 1 token per 4 bytes of messages; the reply bills 300. */
const anthropic: Script = (req) =>
  req.url.endsWith('/count_tokens')
    ? json(200, { input_tokens: Math.round(JSON.stringify(req.json().messages).length / 4) })
    : json(200, { ...anthropicMessage([text('ok')]), usage: { input_tokens: 300, output_tokens: 2 } });

const stats = async (h: Harness) => (await (await fetch(`${h.proxy.url}/stats`)).json()) as Stats;

describe('exactClaudeSavings (proxy.md §12)', () => {
  it('measures the original with count_tokens and the client key, and reports measured savings', async () => {
    h = await startHarness({ config: { exactClaudeSavings: 1 }, anthropic });
    const request = anthropicToolRequest(bigJsonOutput(40));
    const r = await post(`${h.proxy.url}/v1/messages`, JSON.stringify(request), {
      'x-api-key': TEST_KEY,
      'anthropic-version': '2023-06-01',
    });
    expect(r.status).toBe(200);
    await r.arrayBuffer();

    const count = h.anthropic.requests.find((q) => q.url === '/v1/messages/count_tokens');
    expect(count?.headers['x-api-key']).toBe(TEST_KEY);
    // The client's original messages, and only fields count_tokens accepts.
    const sent = count!.json<Record<string, unknown>>();
    expect(sent.messages).toEqual(request.messages);
    expect(Object.keys(sent).sort()).toEqual(['messages', 'model', 'tools']);

    const measured = Math.round(JSON.stringify(request.messages).length / 4);
    const s = await stats(h);
    expect(s.tokens.providerSaved).toBe(measured - 300);
    const metrics = await (await fetch(`${h.proxy.url}/metrics`)).text();
    expect(metrics).toMatch(/headroom_exact_savings_samples_total 1/);
  });

  it('is off by default, and never spent on a request that nothing changed', async () => {
    h = await startHarness({ config: { exactClaudeSavings: 1 }, anthropic });
    const small = { model: 'claude-sonnet-4-5', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] };
    await (
      await post(`${h.proxy.url}/v1/messages`, JSON.stringify(small), { 'anthropic-version': '2023-06-01' })
    ).arrayBuffer();
    expect(h.anthropic.requests.map((q) => q.url)).toEqual(['/v1/messages']);
    await h.close();

    h = await startHarness({ anthropic });
    const big = JSON.stringify(anthropicToolRequest(bigJsonOutput(40)));
    await (
      await post(`${h.proxy.url}/v1/messages`, big, { 'anthropic-version': '2023-06-01' })
    ).arrayBuffer();
    expect(h.anthropic.requests.map((q) => q.url)).toEqual(['/v1/messages']);
  });
});
