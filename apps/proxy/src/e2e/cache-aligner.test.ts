import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, post, startHarness } from '../test-utils/harness.js';
import { anthropicMessage, chatCompletion, responsesObject, text } from '../testing/fixtures.js';
import { json } from '../testing/mock-upstream.js';

const H = { 'anthropic-version': '2023-06-01', 'x-api-key': 'k' };
let h: Harness;
afterEach(async () => h?.close());

const RULES = Array.from(
  { length: 12 },
  (_, i) =>
    `Rule ${i + 1}: answer support questions about the billing product politely and cite the policy section.`,
).join('\n');
const prompt = (day: string) =>
  `You are the support assistant for Acme Billing.\nCurrent date: 2025-01-${day}\n\n${RULES}`;

type Endpoint = 'messages' | 'chat' | 'responses';
const PATH: Record<Endpoint, string> = {
  messages: '/v1/messages',
  chat: '/v1/chat/completions',
  responses: '/v1/responses',
};

function body(endpoint: Endpoint, day: string): string {
  const q = 'Why was I charged twice?';
  if (endpoint === 'messages')
    return JSON.stringify({
      model: 'claude-sonnet-4-5',
      max_tokens: 512,
      system: prompt(day),
      messages: [{ role: 'user', content: q }],
    });
  if (endpoint === 'chat')
    return JSON.stringify({
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: prompt(day) },
        { role: 'user', content: q },
      ],
    });
  return JSON.stringify({
    model: 'gpt-4o',
    instructions: prompt(day),
    input: [{ role: 'user', content: q }],
  });
}

/** The forwarded system prompt: Anthropic `system`, the Chat system message, Responses `instructions`. */
function systemOf(endpoint: Endpoint, fwd: Record<string, unknown>): string {
  if (endpoint === 'messages') return JSON.stringify(fwd.system);
  if (endpoint === 'chat') return JSON.stringify((fwd.messages as unknown[])[0]);
  return JSON.stringify(fwd.instructions);
}

async function harness(cacheAligner: boolean): Promise<Harness> {
  return startHarness({
    config: { cacheAligner },
    anthropic: () => json(200, anthropicMessage([text('ok')])),
    openai: (req) =>
      json(200, req.url.startsWith('/v1/responses') ? responsesObject('ok') : chatCompletion('ok')),
  });
}

describe('CacheAligner opt-in (proxy.md §5.7)', () => {
  for (const endpoint of ['messages', 'chat', 'responses'] as const) {
    it(`${endpoint}: prompts differing only by the date forward byte-identical system prompts`, async () => {
      h = await harness(true);
      const up = endpoint === 'messages' ? h.anthropic : h.openai;
      for (const day of ['07', '08']) {
        const res = await post(
          `${h.proxy.url}${PATH[endpoint]}`,
          body(endpoint, day),
          endpoint === 'messages' ? H : {},
        );
        expect(res.status).toBe(200);
        expect(res.headers.get('x-headroom-transforms')).toContain('cache_align');
      }
      const [a, b] = [up.requests[0]!, up.requests[1]!];
      expect(systemOf(endpoint, a.json())).toBe(systemOf(endpoint, b.json()));
      expect(systemOf(endpoint, a.json())).not.toContain('2025-01-0');
      // Nothing is lost: the date moved to the tail of the last user turn.
      expect(a.body.toString()).toContain('2025-01-07');
      expect(b.body.toString()).toContain('2025-01-08');
      // Deterministic: the same request forwards the same bytes.
      await post(`${h.proxy.url}${PATH[endpoint]}`, body(endpoint, '07'), endpoint === 'messages' ? H : {});
      expect(up.requests[2]!.body.equals(a.body)).toBe(true);
    });
  }

  it('aligns inside agent loops (tool results last) and leaves the history bytes as sent', async () => {
    h = await harness(true);
    const loop = (day: string) =>
      JSON.stringify({
        model: 'claude-sonnet-4-5',
        max_tokens: 512,
        system: [{ type: 'text', text: prompt(day) }],
        messages: [
          { role: 'user', content: 'Why was I charged twice?' },
          { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'invoices', input: {} }] },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'inv_1 paid' }] },
          { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_2', name: 'charges', input: {} }] },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_2', content: 'ch_1, ch_2' }] },
        ],
      });
    for (const day of ['07', '08']) await post(`${h.proxy.url}/v1/messages`, loop(day), H);
    const [a, b] = [h.anthropic.requests[0]!.json(), h.anthropic.requests[1]!.json()];
    expect(JSON.stringify(a.system)).toBe(JSON.stringify(b.system));
    const sent = JSON.parse(loop('07')) as { messages: unknown[] };
    const fwd = a.messages as Array<{ content: unknown[] }>;
    expect(fwd.slice(0, 4)).toEqual(sent.messages.slice(0, 4));
    // The tail is a text block after the last tool_result.
    expect(fwd[4]!.content).toHaveLength(2);
    expect(JSON.stringify(fwd[4]!.content[1])).toContain('2025-01-07');

    // Chat ending in tool messages: the tail is one new user message after them.
    const chat = JSON.stringify({
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: prompt('09') },
        { role: 'user', content: 'Why was I charged twice?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'c1', type: 'function', function: { name: 'charges', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: 'c1', content: 'ch_1, ch_2' },
      ],
    });
    await post(`${h.proxy.url}/v1/chat/completions`, chat);
    const c = h.openai.requests[0]!.json() as { messages: Array<{ role: string; content: string }> };
    expect(c.messages).toHaveLength(5);
    expect(c.messages.slice(1, 4)).toEqual(
      (JSON.parse(chat) as { messages: unknown[] }).messages.slice(1, 4),
    );
    expect(c.messages[4]).toMatchObject({ role: 'user' });
    expect(c.messages[4]!.content).toContain('2025-01-09');
    expect(c.messages[0]!.content).not.toContain('2025-01-09');
  });

  it('leaves system prompts untouched when off (the default)', async () => {
    h = await harness(false);
    for (const endpoint of ['messages', 'chat', 'responses'] as const) {
      const raw = body(endpoint, '07');
      await post(`${h.proxy.url}${PATH[endpoint]}`, raw, endpoint === 'messages' ? H : {});
      const up = endpoint === 'messages' ? h.anthropic : h.openai;
      expect(up.requests.at(-1)!.body.toString()).toBe(raw);
    }
  });
});
