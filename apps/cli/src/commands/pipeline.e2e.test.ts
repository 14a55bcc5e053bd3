import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PipelineJsonSchema } from '../schemas.js';
import { ensureBuilt, runCli, tempHome } from '../test-utils/cli.js';
import { logText } from '../test-utils/fixtures.js';

const home = tempHome();
const env = home.env;
beforeAll(ensureBuilt, 120_000);
afterAll(() => home.cleanup());

const big = logText(1500);

const anthropic = {
  model: 'claude-sonnet-4-5',
  system: 'You are a coding agent.',
  messages: [
    { role: 'user', content: 'Why did the payment fail?' },
    {
      role: 'assistant',
      content: [
        { type: 'tool_use', id: 'tu_1', name: 'Bash', input: { command: 'cat app.log' } },
        { type: 'tool_use', id: 'tu_2', name: 'Bash', input: { command: 'cat worker.log' } },
      ],
    },
    {
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'tu_1', content: big },
        { type: 'tool_result', tool_use_id: 'tu_2', content: big.replaceAll('INFO', 'DEBUG') },
      ],
    },
  ],
};

const chat = {
  messages: [
    { role: 'system', content: 'You are a coding agent.' },
    { role: 'user', content: 'Why did the payment fail?' },
    {
      role: 'assistant',
      content: null,
      tool_calls: [
        { id: 'c1', type: 'function', function: { name: 'bash', arguments: '{"command":"cat app.log"}' } },
        { id: 'c2', type: 'function', function: { name: 'bash', arguments: '{"command":"cat worker.log"}' } },
      ],
    },
    { role: 'tool', tool_call_id: 'c1', content: big },
    { role: 'tool', tool_call_id: 'c2', content: big.replaceAll('INFO', 'DEBUG') },
  ],
};

describe('headroom pipeline', () => {
  it('compresses an Anthropic request, keeps every tool pair and echoes system', async () => {
    const r = await runCli(['pipeline', '--json'], { env, input: JSON.stringify(anthropic) });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = PipelineJsonSchema.parse(JSON.parse(r.stdout.toString('utf8')));
    expect(out.system).toBe('You are a coding agent.');
    expect(out.tokensAfter).toBeLessThan(out.tokensBefore);
    const text = JSON.stringify(out.messages);
    for (const id of ['tu_1', 'tu_2']) expect(text.split(id).length).toBe(3);
    expect(out.transformsApplied.length).toBeGreaterThan(0);
  });

  it('compresses a Chat request with parallel tool calls, pretty-printed without --json', async () => {
    const r = await runCli(['pipeline', '-q'], { env, input: JSON.stringify(chat) });
    expect(r.code).toBe(0);
    const text = r.stdout.toString('utf8');
    expect(text.startsWith('{\n  "messages"')).toBe(true);
    const out = PipelineJsonSchema.parse(JSON.parse(text));
    expect(out.system).toBeUndefined();
    const ids = out.messages.flatMap((m) =>
      (m as { tool_call_id?: string }).tool_call_id ? [(m as { tool_call_id: string }).tool_call_id] : [],
    );
    expect(ids).toEqual(['c1', 'c2']);
  });

  it('--max-tokens makes the context manager fit the budget', async () => {
    const long = {
      messages: [
        ...Array.from({ length: 40 }, (_, i) => ({
          role: i % 2 ? 'assistant' : 'user',
          content: `turn ${i} ${'word '.repeat(200)}`,
        })),
        { role: 'user', content: 'last question' },
      ],
    };
    const r = await runCli(['pipeline', '--json', '--max-tokens', '3000'], {
      env,
      input: JSON.stringify(long),
    });
    expect(r.code).toBe(0);
    const out = PipelineJsonSchema.parse(JSON.parse(r.stdout.toString('utf8')));
    expect(out.tokensBefore).toBeGreaterThan(3000);
    expect(out.tokensAfter).toBeLessThanOrEqual(3000);
    expect(JSON.stringify(out.messages.at(-1))).toContain('last question');
  });

  it('exits 1 for an ambiguous shape, bad JSON (with line and column) and a schema violation', async () => {
    const ambiguous = { system: 'x', messages: [{ role: 'tool', tool_call_id: 'a', content: 'y' }] };
    const [a, b, c] = await Promise.all([
      runCli(['pipeline'], { env, input: JSON.stringify(ambiguous) }),
      runCli(['pipeline'], { env, input: '{\n  "messages": [\n    oops\n' }),
      runCli(['pipeline'], { env, input: '{"messages": "no"}' }),
    ]);
    expect(a.code).toBe(1);
    expect(a.stderr).toContain('ambiguous message shape');
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/^headroom: input is not JSON: line 3, column \d+\n$/);
    expect(c.code).toBe(1);
    expect(c.stderr).toContain('messages');
    for (const r of [a, b, c]) expect(r.stdout.length).toBe(0);
  });
});
