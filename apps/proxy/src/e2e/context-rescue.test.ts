import { pairViolations, parseMarkers } from '@headroom/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, post, startHarness } from '../test-utils/harness.js';
import { anthropicMessage, chatCompletion, responsesObject, text } from '../testing/fixtures.js';
import { json } from '../testing/mock-upstream.js';

const H = { 'anthropic-version': '2023-06-01', 'x-api-key': 'k' };
let h: Harness;
afterEach(async () => h?.close());

const WORDS = [
  'deploy',
  'cluster',
  'latency',
  'region',
  'rollback',
  'shard',
  'replica',
  'quota',
  'ingress',
  'cache',
];

/** ~`words` tokens of seeded log-like prose (not JSON: nothing for the router to crush). */
function logText(seed: number, words: number): string {
  let x = seed * 7919 + 1;
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out.push(`${WORDS[x % WORDS.length]}${x % 97}`);
  }
  return out.join(' ');
}

/** A Chat agent conversation: `n` tool exchanges of ~`words` tokens each, ending on a user question. */
function chatConversation(model: string, n: number, words: number): Record<string, unknown> {
  const messages: unknown[] = [
    { role: 'system', content: 'You are an SRE agent.' },
    { role: 'user', content: 'Find why the deploy failed.' },
  ];
  for (let i = 0; i < n; i++) {
    messages.push({
      role: 'assistant',
      content: null,
      tool_calls: [
        { id: `call_${i}`, type: 'function', function: { name: 'read_logs', arguments: `{"page":${i}}` } },
      ],
    });
    messages.push({ role: 'tool', tool_call_id: `call_${i}`, content: logText(i, words) });
  }
  messages.push({ role: 'assistant', content: 'The logs show repeated shard rollbacks.' });
  messages.push({ role: 'user', content: 'Which region is affected?' });
  return {
    model,
    max_tokens: 4096,
    tools: [{ type: 'function', function: { name: 'read_logs', parameters: { type: 'object' } } }],
    messages,
  };
}

function anthropicConversation(n: number, words: number): Record<string, unknown> {
  const messages: unknown[] = [{ role: 'user', content: 'Find why the deploy failed.' }];
  for (let i = 0; i < n; i++) {
    messages.push({
      role: 'assistant',
      content: [{ type: 'tool_use', id: `toolu_${i}`, name: 'read_logs', input: { page: i } }],
    });
    messages.push({
      role: 'user',
      content: [{ type: 'tool_result', tool_use_id: `toolu_${i}`, content: logText(i, words) }],
    });
  }
  messages.push({
    role: 'assistant',
    content: [{ type: 'text', text: 'The logs show repeated shard rollbacks.' }],
  });
  messages.push({ role: 'user', content: 'Which region is affected?' });
  return {
    model: 'claude-sonnet-4-5',
    max_tokens: 4096,
    system: 'You are an SRE agent.',
    tools: [{ name: 'read_logs', description: 'Read logs', input_schema: { type: 'object' } }],
    messages,
  };
}

async function expectRetrievableMarker(fwd: string): Promise<void> {
  const markers = parseMarkers(fwd).filter((m) => m.hash !== '0123456789abcdef01234567');
  expect(markers.length).toBe(1);
  const entry = await h.store.get(markers[0]!.hash);
  expect(entry?.kind).toBe('messages');
  expect(entry?.original).toContain('read_logs');
}

describe('context rescue over the model limit (proxy.md §7.4)', () => {
  it('trims an over-limit Chat request without orphaning a tool call, behind a retrievable marker', async () => {
    h = await startHarness({ openai: () => json(200, chatCompletion('ok')) });
    const req = chatConversation('gpt-4o', 40, 4000);
    const res = await post(`${h.proxy.url}/v1/chat/completions`, JSON.stringify(req));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-headroom-transforms')).toContain('context_rescue');
    expect(Number(res.headers.get('x-headroom-tokens-before'))).toBeGreaterThan(128_000);
    expect(Number(res.headers.get('x-headroom-tokens-after'))).toBeLessThan(128_000 - 4096 - 2560);
    const fwdRaw = h.openai.requests[0]!.body.toString();
    const fwd = JSON.parse(fwdRaw) as { messages: unknown[] };
    expect(fwd.messages.length).toBeLessThan((req.messages as unknown[]).length);
    expect(pairViolations(fwd.messages as never)).toEqual([]);
    // The system prompt and the last turns survive as the client sent them.
    expect(fwd.messages[0]).toEqual((req.messages as unknown[])[0]);
    expect(fwd.messages.at(-1)).toEqual((req.messages as unknown[]).at(-1));
    await expectRetrievableMarker(fwdRaw);
  });

  it('trims an over-limit Anthropic request the same way (rolling-window too)', async () => {
    for (const contextManager of ['intelligent', 'rolling-window'] as const) {
      h = await startHarness({
        config: { contextManager },
        anthropic: () => json(200, anthropicMessage([text('ok')])),
      });
      const req = anthropicConversation(55, 4000);
      const res = await post(`${h.proxy.url}/v1/messages`, JSON.stringify(req), H);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-headroom-transforms')).toContain('context_rescue');
      const fwdRaw = h.anthropic.requests[0]!.body.toString();
      const fwd = JSON.parse(fwdRaw) as { system: string; messages: unknown[] };
      expect(fwd.system).toBe(req.system);
      expect(fwd.messages.length).toBeLessThan((req.messages as unknown[]).length);
      expect(pairViolations({ format: 'anthropic', messages: fwd.messages as never })).toEqual([]);
      await expectRetrievableMarker(fwdRaw);
      await h.close();
    }
  });

  it('trims an over-limit Responses input (gpt-4, 8k window) keeping call/output pairs', async () => {
    h = await startHarness({ openai: () => json(200, responsesObject('ok')) });
    const input: unknown[] = [{ role: 'user', content: 'Find why the deploy failed.' }];
    for (let i = 0; i < 12; i++) {
      input.push({
        type: 'function_call',
        call_id: `fc_${i}`,
        name: 'read_logs',
        arguments: `{"page":${i}}`,
      });
      input.push({ type: 'function_call_output', call_id: `fc_${i}`, output: logText(i, 1000) });
    }
    input.push({ role: 'user', content: 'Which region is affected?' });
    const req = { model: 'gpt-4', max_output_tokens: 512, instructions: 'You are an SRE agent.', input };
    const res = await post(`${h.proxy.url}/v1/responses`, JSON.stringify(req));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-headroom-transforms')).toContain('context_rescue');
    const fwdRaw = h.openai.requests[0]!.body.toString();
    const fwd = JSON.parse(fwdRaw) as { instructions: string; input: unknown[] };
    expect(fwd.instructions).toBe(req.instructions);
    expect(fwd.input.length).toBeLessThan(input.length);
    expect(pairViolations({ format: 'openai-responses', messages: fwd.input as never })).toEqual([]);
    await expectRetrievableMarker(fwdRaw);
  });

  it('never trims an unknown model, nor with contextManager none, nor in lossless mode', async () => {
    h = await startHarness({ openai: () => json(200, chatCompletion('ok')) });
    const raw = JSON.stringify({ ...chatConversation('acme-llm-1', 40, 4000), tools: undefined });
    await post(`${h.proxy.url}/v1/chat/completions`, raw);
    expect(h.openai.requests[0]!.body.toString() === raw).toBe(true);
    await h.close();
    h = await startHarness({
      config: { contextManager: 'none' },
      openai: () => json(200, chatCompletion('ok')),
    });
    const raw2 = JSON.stringify({ ...chatConversation('gpt-4o', 40, 4000), tools: undefined });
    await post(`${h.proxy.url}/v1/chat/completions`, raw2);
    expect(h.openai.requests[0]!.body.toString() === raw2).toBe(true);
    await h.close();
    h = await startHarness({ openai: () => json(200, chatCompletion('ok')) });
    await post(`${h.proxy.url}/v1/chat/completions`, raw2, { 'x-headroom-mode': 'lossless' });
    expect(h.openai.requests[0]!.body.toString() === raw2).toBe(true);
  });
});
