import {
  type AnyMessage,
  type ChatMessage,
  getTokenizer,
  hasMarker,
  MemoCache,
  MemoryCcrStore,
  pairViolations,
} from '@headroom/core';
import { assistant, system, toolCall, toolResult, user } from '@headroom/core/test-utils';
import { describe, expect, it } from 'vitest';
import { ContentRouter } from './content-router.js';
import { elidingCodeModule } from './test-utils/eliding-code.js';
import { grepOutput, jsonItems, logOutput, pythonSource } from './test-utils/samples.js';

const tokenizer = getTokenizer('gpt-4o');

function router(store = new MemoryCcrStore(), config = {}) {
  return new ContentRouter(config, {
    store,
    tokenizer,
    memo: new MemoCache(),
    modules: { code: async () => elidingCodeModule, lingua: async () => undefined },
  });
}

function agentChat(): ChatMessage[] {
  return [
    system('You are a coding agent.'),
    user('Which orders failed, and what does the log say?'),
    toolCall('c1', 'list_orders', { status: 'any' }),
    toolResult('c1', jsonItems(200)),
    toolCall('c2', 'Grep', { pattern: 'fetch', path: 'src' }),
    toolResult('c2', grepOutput(300)),
    toolCall('c3', 'Read', { file_path: 'src/handlers.py' }),
    toolResult('c3', pythonSource(20)),
    toolCall('c4', 'Bash', { command: 'tail -n 400 app.log' }),
    toolResult('c4', logOutput(400)),
    assistant('Order ord_1120 failed; the log shows a payment gateway timeout.'),
    user('Thanks. Anything else?'),
  ];
}

describe('apply: what changes', () => {
  it('only tool results change; every other message is the same object', async () => {
    const input = agentChat();
    const out = await router().apply(input, { tokenizer });
    const msgs = out.messages as ChatMessage[];
    input.forEach((m, i) => {
      if (m.role !== 'tool') expect(msgs[i]).toBe(m);
    });
    const changed = input
      .filter((m, i) => msgs[i] !== m)
      .map((m) => (m as { tool_call_id: string }).tool_call_id);
    expect(changed).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(out.transformsApplied.map((t) => t.split(':').slice(0, 3).join(':'))).toEqual([
      'router:list_orders:smart_crusher',
      'router:Grep:search',
      'router:Read:code_aware',
      'router:Bash:log',
    ]);
    expect(out.ccrHashes).toHaveLength(4);
  });

  it('errors, excluded tools, headroom_retrieve results and marked content stay byte-identical', async () => {
    const store = new MemoryCcrStore();
    const already = (await router(store).compress(logOutput(400))).compressed;
    const input: AnyMessage[] = [
      user('why did it fail?'),
      {
        role: 'assistant',
        content: [
          { type: 'tool_use', id: 't1', name: 'Bash', input: { command: 'make test' } },
          { type: 'tool_use', id: 't2', name: 'headroom_retrieve', input: { hash: 'abc' } },
          { type: 'tool_use', id: 't3', name: 'Bash', input: { command: 'cat old.log' } },
          { type: 'tool_use', id: 't4', name: 'secret_tool', input: {} },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 't1', content: logOutput(400), is_error: true },
          { type: 'tool_result', tool_use_id: 't2', content: logOutput(401) },
          { type: 'tool_result', tool_use_id: 't3', content: already },
          { type: 'tool_result', tool_use_id: 't4', content: logOutput(402) },
        ],
      },
    ];
    const out = await router(store, { excludeTools: ['headroom_retrieve', 'secret_tool'] }).apply(input, {
      tokenizer,
    });
    expect(out.messages).toBe(input);
    expect(out.transformsApplied).toEqual(['router:noop']);
  });

  it('compresses Anthropic tool_result blocks and Responses function_call_output items', async () => {
    const anthropic: AnyMessage[] = [
      user('check the log'),
      {
        role: 'assistant',
        content: [{ type: 'tool_use', id: 't1', name: 'Bash', input: { command: 'cat app.log' } }],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 't1', content: [{ type: 'text', text: logOutput(400) }] },
        ],
      },
    ];
    const a = await router().apply(anthropic, { tokenizer });
    expect(JSON.stringify(a.messages)).toContain('lines omitted');
    const responses = [
      { role: 'user', content: 'check the log' },
      { type: 'function_call', call_id: 'r1', name: 'bash', arguments: '{"command":"cat app.log"}' },
      { type: 'function_call_output', call_id: 'r1', output: logOutput(400) },
    ];
    const r = await router().apply(responses, { tokenizer });
    const out = (r.messages as { output?: string }[])[2]!.output!;
    expect(hasMarker(out)).toBe(true);
    expect(r.messages[0]).toBe(responses[0]);
  });

  it('leaves the frozen prefix alone', async () => {
    const input = agentChat();
    const out = await router().apply(input, { tokenizer, frozenMessageCount: 6 });
    const msgs = out.messages as ChatMessage[];
    for (let i = 0; i < 6; i++) expect(msgs[i]).toBe(input[i]);
    expect(msgs[9]).not.toBe(input[9]);
  });

  it("scope 'live' compresses only results after the last assistant message", async () => {
    const input = [
      ...agentChat().slice(0, 10),
      toolCall('c5', 'Bash', { command: 'cat b.log' }),
      toolResult('c5', logOutput(500)),
    ];
    const out = await router(new MemoryCcrStore(), { scope: 'live' }).apply(input, { tokenizer });
    const msgs = out.messages as ChatMessage[];
    expect(msgs.slice(0, 11)).toEqual(input.slice(0, 11));
    expect(msgs[11]).not.toBe(input[11]);
  });
});

describe('code protection', () => {
  it('code read in the last four entries is kept; an older read is compressed', async () => {
    const code = pythonSource(20);
    const input = [
      user('add a retry to the handlers'),
      toolCall('old', 'Read', { file_path: 'old.py' }),
      toolResult('old', code),
      assistant('Read it.'),
      user('go on'),
      assistant('Reading the other one.'),
      toolCall('new', 'Read', { file_path: 'new.py' }),
      toolResult('new', `${code}\n# v2`),
    ];
    const out = (await router().apply(input, { tokenizer })).messages as ChatMessage[];
    expect(out[2]).not.toBe(input[2]);
    expect(out[7]).toBe(input[7]);
  });

  it('analysis words in the last user message protect all code, and are not memoized', async () => {
    const code = pythonSource(20);
    const conversation = (ask: string) => [
      user(ask),
      toolCall('r', 'Read', { file_path: 'handlers.py' }),
      toolResult('r', code),
      assistant('Done.'),
      user('ok'),
      assistant('ok'),
      user(ask),
    ];
    const r = router();
    const reviewed = (await r.apply(conversation('please review this for bugs'), { tokenizer }))
      .messages as ChatMessage[];
    expect(reviewed[2]!.content).toBe(code);
    const later = (await r.apply(conversation('now rename the variables'), { tokenizer }))
      .messages as ChatMessage[];
    expect(later[2]!.content).not.toBe(code);
  });
});

describe('memo: compress once, replay the same bytes', () => {
  it('turn N+1 replays every result of turn N byte for byte, even with a different question', async () => {
    const r = router();
    const turn1 = agentChat();
    const out1 = (await r.apply(turn1, { tokenizer })).messages as ChatMessage[];
    const turn2 = [
      ...turn1,
      assistant('Checking more.'),
      toolCall('c9', 'Bash', { command: 'cat b.log' }),
      toolResult('c9', logOutput(450)),
      user('What about invoices and refunds?'),
    ];
    const out2 = (await r.apply(turn2, { tokenizer })).messages as ChatMessage[];
    out1.forEach((m, i) => {
      expect(out2[i]!.content).toBe(m.content);
    });
  });

  it('a memo hit re-puts originals the store has lost', async () => {
    const store = new MemoryCcrStore();
    const r = router(store);
    const input = agentChat();
    const out = await r.apply(input, { tokenizer });
    for (const hash of out.ccrHashes) await store.delete(hash);
    expect((await store.stats()).entries).toBe(0);
    const again = await r.apply(input, { tokenizer });
    expect(again.ccrHashes).toEqual(out.ccrHashes);
    for (const hash of out.ccrHashes) expect(await store.get(hash)).toBeDefined();
    const grep = (await store.get(out.ccrHashes[1]!))!;
    expect(grep.original).toBe(input[5]!.content);
  });

  it('same input and config give identical bytes from two fresh routers', async () => {
    const a = await router().apply(agentChat(), { tokenizer });
    const b = await router().apply(agentChat(), { tokenizer });
    expect(JSON.stringify(a.messages)).toBe(JSON.stringify(b.messages));
  });

  it('the pair invariants still hold after compression', async () => {
    const out = await router().apply(agentChat(), { tokenizer });
    expect(pairViolations(out.messages)).toEqual([]);
  });
});
