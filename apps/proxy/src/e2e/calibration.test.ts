import { getTokenizer } from '@headroom/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { Stats } from '../api-schemas.js';
import { bigJsonOutput, type Harness, post, startHarness } from '../test-utils/harness.js';
import { chatCompletion } from '../testing/fixtures.js';
import { json, type RecordedRequest, type Script } from '../testing/mock-upstream.js';

let h: Harness;
afterEach(async () => h?.close());

const o200k = getTokenizer('gpt-4o');

/**
 * What OpenAI bills as `prompt_tokens`, written out here independently of the proxy: the cookbook
 * rule (3 per message, content and call fields in o200k, 3 to prime the reply), plus the tool
 * definitions as JSON.
 */
function promptTokens(req: RecordedRequest): number {
  const body = req.json<{ messages: Array<Record<string, unknown>>; tools?: unknown[] }>();
  let n = 3;
  for (const m of body.messages) {
    n += 3;
    if (typeof m.content === 'string') n += o200k.count(m.content);
    if (typeof m.tool_call_id === 'string') n += o200k.count(m.tool_call_id);
    for (const c of (m.tool_calls as Array<{ id: string; function: { name: string; arguments: string } }>) ??
      [])
      n += o200k.count(c.id) + o200k.count(c.function.name) + o200k.count(c.function.arguments);
  }
  if (body.tools) n += o200k.count(JSON.stringify(body.tools));
  return n;
}

function openaiWithUsage(factor: number): Script {
  return (req) =>
    json(200, {
      ...chatCompletion('ok'),
      usage: { prompt_tokens: Math.round(promptTokens(req) * factor), completion_tokens: 2, total_tokens: 0 },
    });
}

const TOOLS = [{ type: 'function', function: { name: 'list_items', parameters: { type: 'object' } } }];

/** A Chat turn whose live tool output the router compresses (a different output each turn). */
function chatTurn(turn: number): string {
  return JSON.stringify({
    model: 'gpt-4o',
    tools: TOOLS,
    messages: [
      { role: 'system', content: 'You triage failing fleet items. Be brief.' },
      { role: 'user', content: `Which items are failing in batch ${turn}?` },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: `call_${turn}`, type: 'function', function: { name: 'list_items', arguments: '{}' } },
        ],
      },
      { role: 'tool', tool_call_id: `call_${turn}`, content: bigJsonOutput(8 + turn, turn) },
    ],
  });
}

async function stats(): Promise<Stats> {
  return (await (await fetch(`${h.proxy.url}/stats`)).json()) as Stats;
}

describe('usage calibration (proxy.md §12)', () => {
  it('comes out at 1.00 ± 0.02 for an OpenAI model whose upstream bills exact o200k counts', async () => {
    h = await startHarness({ openai: openaiWithUsage(1) });
    let saved = 0;
    for (let turn = 0; turn < 6; turn++) {
      const res = await post(`${h.proxy.url}/v1/chat/completions`, chatTurn(turn));
      expect(res.status).toBe(200);
      saved += Number(res.headers.get('x-headroom-tokens-saved'));
      // The local count of what was forwarded matches the bill on every turn, compression included.
      const billed = promptTokens(h.openai.requests[turn]!);
      const after = Number(res.headers.get('x-headroom-tokens-after'));
      expect(Math.abs(billed / after - 1)).toBeLessThan(0.02);
    }
    expect(saved).toBeGreaterThan(1000);
    const s = await stats();
    const cal = s.tokens.calibration['gpt-4o']!;
    expect(cal.samples).toBe(6);
    expect(cal.calibrated).toBe(true);
    expect(Math.abs(cal.ratio - 1)).toBeLessThanOrEqual(0.02);
    expect(Math.abs(s.tokens.providerSaved - saved)).toBeLessThanOrEqual(saved * 0.02);
    const metrics = await (await fetch(`${h.proxy.url}/metrics`)).text();
    expect(metrics).toMatch(/headroom_calibration_ratio\{family="gpt-4o"\} (0\.9[89]|1\.0[0-2]?)\d*/);
    expect(metrics).toMatch(/headroom_provider_tokens_saved_total \d+/);
    const line = JSON.parse(h.logs.at(-1)!) as { calibration?: { family: string; ratio: number } };
    expect(line.calibration?.family).toBe('gpt-4o');
  });

  it('learns a 1.3× bill, flagged uncalibrated below five samples, and scales providerSaved', async () => {
    h = await startHarness({ openai: openaiWithUsage(1.3) });
    for (let turn = 0; turn < 4; turn++) await post(`${h.proxy.url}/v1/chat/completions`, chatTurn(turn));
    let cal = (await stats()).tokens.calibration['gpt-4o']!;
    expect(cal).toMatchObject({ samples: 4, calibrated: false });
    for (let turn = 4; turn < 8; turn++) await post(`${h.proxy.url}/v1/chat/completions`, chatTurn(turn));
    const s = await stats();
    cal = s.tokens.calibration['gpt-4o']!;
    expect(cal).toMatchObject({ samples: 8, calibrated: true });
    expect(cal.ratio).toBeGreaterThan(1.27);
    expect(cal.ratio).toBeLessThan(1.33);
    expect(s.tokens.providerSaved).toBeGreaterThan(s.tokens.saved * 1.25);
    expect(s.tokens.providerSaved).toBeLessThan(s.tokens.saved * 1.35);
  });

  it('skips responses without usage', async () => {
    const { usage: _, ...noUsage } = chatCompletion('ok');
    h = await startHarness({ openai: () => json(200, noUsage) });
    await post(`${h.proxy.url}/v1/chat/completions`, chatTurn(0));
    const s = await stats();
    expect(s.tokens.calibration).toEqual({});
    expect(s.tokens.providerSaved).toBe(s.tokens.saved);
  });
});
