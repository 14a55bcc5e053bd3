import {
  type AnthropicMessage,
  CCR_MARKER_RE,
  type ChatMessage,
  type Conversation,
  MemoryCcrStore,
  pairViolations,
  type ResponsesItem,
  viewOf,
} from '@headroom/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BUDGET } from './budget.js';
import { RollingWindow } from './rolling-window.js';
import { assistant, prose, rows, system, toolCall, toolResult, user } from './test-utils/chat.js';
import { markerMessages, restore, SpyStore, tokenizer, tokensOf } from './test-utils/helpers.js';

/** sys, a user prompt, then `n` tool exchanges, then a closing user question. */
function agentLoop(n: number, size = 12): ChatMessage[] {
  const out: ChatMessage[] = [system(), user('Investigate the failing deploys.')];
  for (let i = 0; i < n; i++) {
    out.push(toolCall(`call_${i}`, i % 2 ? 'get_logs' : 'search', { q: `deploy ${i}` }));
    out.push(toolResult(`call_${i}`, rows(size, i)));
  }
  out.push(assistant('Here is what I found.'), user('And the last one?'));
  return out;
}

describe('RollingWindow', () => {
  it('returns the input itself when under budget: no marker, no CCR entry', () => {
    const store = new SpyStore();
    const messages = agentLoop(3);
    const result = new RollingWindow({}, { store }).apply(messages, { maxTokens: 100_000, tokenizer });
    expect(result.messages).toBe(messages);
    expect(result.dropped).toEqual([]);
    expect(result.markersInserted).toEqual([]);
    expect(store.puts).toHaveLength(0);
    expect(result.tokensAfter).toBe(result.tokensBefore);
    expect(result.overBudget).toBe(false);
  });

  it('drops the oldest tool units first and leaves every remaining call answered (Chat)', () => {
    const messages = agentLoop(40);
    const budget = Math.floor(tokensOf(messages) / 2);
    const result = new RollingWindow({}, { store: new SpyStore() }).apply(messages, {
      maxTokens: budget,
      tokenizer,
    });
    expect(result.tokensAfter).toBeLessThanOrEqual(budget);
    expect(result.dropped.every((d) => d.kind === 'tool')).toBe(true);
    const firsts = result.dropped.map((d) => d.wireIndexes[0]!);
    // A prefix of the tool units, oldest first: units 2,3 then 4,5 …
    expect(firsts).toEqual(firsts.map((_, i) => 2 + 2 * i));
    expect(pairViolations(result.messages)).toEqual([]);
    const out = result.messages as ChatMessage[];
    for (const m of out.filter((x) => x.tool_calls)) {
      for (const c of m.tool_calls!)
        expect(out.some((x) => x.role === 'tool' && x.tool_call_id === c.id)).toBe(true);
    }
    expect(result.transformsApplied).toEqual([`window_cap:${result.plan.drop.length}`]);
  });

  it('drops an Anthropic assistant with three parallel tool_use blocks together with its three results', () => {
    const big = rows(30);
    const messages: AnthropicMessage[] = [
      { role: 'user', content: 'Compare the three regions.' },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'Query all three at once.', signature: 'c2ln' },
          ...['eu', 'us', 'ap'].map((r) => ({
            type: 'tool_use',
            id: `toolu_${r}`,
            name: 'metrics',
            input: { r },
          })),
        ],
      },
      {
        role: 'user',
        content: ['eu', 'us', 'ap'].map((r) => ({
          type: 'tool_result',
          tool_use_id: `toolu_${r}`,
          content: big,
        })),
      },
      { role: 'assistant', content: [{ type: 'text', text: 'EU is slowest.' }] },
      { role: 'user', content: 'Why?' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_why', name: 'trace', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_why', content: 'gc pauses' }] },
      { role: 'user', content: 'Thanks, anything else?' },
    ];
    const input: Conversation = { format: 'anthropic', system: 'Be terse.', messages };
    const result = new RollingWindow({ preserveRecentTurns: 1 }, { store: new SpyStore() }).apply(input, {
      maxTokens: Math.floor(tokensOf(input) / 2),
      tokenizer,
    });
    expect(result.dropped[0]).toMatchObject({ kind: 'tool', wireIndexes: [1, 2], toolNames: ['metrics'] });
    const out = result.messages.messages;
    expect(out).not.toContain(messages[1]);
    expect(out).not.toContain(messages[2]);
    expect(pairViolations(result.messages)).toEqual([]);
    expect(result.messages.system).toBe(input.system);
  });

  it('drops a Responses reasoning item, its function_call and the output together', () => {
    const items: ResponsesItem[] = [
      { role: 'developer', content: 'You are a coding agent.' },
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Fix the build.' }] },
      { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: 'ZW5j' },
      { type: 'function_call', call_id: 'c1', name: 'read_file', arguments: '{"path":"a.ts"}' },
      { type: 'function_call_output', call_id: 'c1', output: prose(300) },
      { type: 'reasoning', id: 'rs_2', summary: [], encrypted_content: 'ZW5j' },
      { type: 'function_call', call_id: 'c2', name: 'read_file', arguments: '{"path":"b.ts"}' },
      { type: 'function_call_output', call_id: 'c2', output: prose(20) },
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Done.' }] },
    ];
    const result = new RollingWindow({ preserveRecentTurns: 1 }, { store: new SpyStore() }).apply(items, {
      maxTokens: Math.floor(tokensOf(items) / 2),
      tokenizer,
    });
    expect(result.plan.drop).toEqual([2, 3, 4]);
    expect(pairViolations(result.messages)).toEqual([]);
    expect(result.messages).toContain(items[5]);
  });

  it('never drops the system prompt, even when it alone exceeds the budget', () => {
    const messages = [
      system(prose(400)),
      user('hi'),
      assistant(prose(50)),
      user('again'),
      assistant('ok'),
      user('?'),
    ];
    const result = new RollingWindow({ preserveRecentTurns: 1 }, { store: new SpyStore() }).apply(messages, {
      maxTokens: 100,
      tokenizer,
    });
    expect(result.overBudget).toBe(true);
    expect(result.warnings).toContain('over_budget_after_window');
    expect(result.messages[0]).toBe(messages[0]);
    // Everything droppable is gone: only the system prompt, the marker and the last exchange remain.
    expect(result.messages).toEqual([
      messages[0],
      { role: 'user', content: result.markersInserted[0] },
      messages[5],
    ]);
  });

  it('keeps the last five exchanges and the one real user prompt of a 100-call agent loop', () => {
    const messages = agentLoop(100).slice(0, -2);
    const result = new RollingWindow({}, { store: new SpyStore() }).apply(messages, {
      maxTokens: Math.floor(tokensOf(messages) / 4),
      tokenizer,
    });
    const out = result.messages;
    expect(out).toContain(messages[1]);
    for (const m of messages.slice(-10)) expect(out).toContain(m);
    expect(result.dropped.every((d) => d.kind === 'tool')).toBe(true);
    expect(result.tokensAfter).toBeLessThanOrEqual(result.budget);
  });

  it('drops assistant text before user text once no tool unit is left', () => {
    const messages = [
      system(),
      user(prose(60, 1)),
      assistant(prose(60, 2)),
      user(prose(60, 3)),
      assistant(prose(60, 4)),
      user(prose(60, 5)),
      assistant(prose(60, 6)),
      user('Last question?'),
    ];
    const result = new RollingWindow({ preserveRecentTurns: 1 }, { store: new SpyStore() }).apply(messages, {
      maxTokens: tokensOf(messages) - 100,
      tokenizer,
    });
    expect(result.dropped.map((d) => d.kind)).toEqual(['assistant', 'assistant']);
    expect(result.plan.drop).toEqual([2, 4]);
  });

  it('with dropOldestFirst: false drops the largest tool output first', () => {
    const messages = [
      system(),
      user('Go.'),
      toolCall('a', 'search'),
      toolResult('a', rows(10)),
      toolCall('b', 'search'),
      toolResult('b', rows(60)),
      toolCall('c', 'search'),
      toolResult('c', rows(20)),
      toolCall('d', 'search'),
      toolResult('d', rows(1)),
      user('Summarize.'),
    ];
    const cfg = { preserveRecentTurns: 1 };
    const budget = tokensOf(messages) - 200;
    const largest = new RollingWindow({ ...cfg, dropOldestFirst: false }, { store: new SpyStore() }).apply(
      messages,
      {
        maxTokens: budget,
        tokenizer,
      },
    );
    expect(largest.plan.drop).toEqual([4, 5]);
    const oldest = new RollingWindow(cfg, { store: new SpyStore() }).apply(messages, {
      maxTokens: budget,
      tokenizer,
    });
    expect(oldest.plan.drop).toEqual([2, 3, 4, 5]);
  });

  it('leaves one parsable, honest marker after the system prompt and stores exactly what it dropped', async () => {
    const store = new SpyStore();
    const messages = agentLoop(10);
    const result = new RollingWindow({ preserveRecentTurns: 2 }, { store }).apply(messages, {
      maxTokens: Math.floor(tokensOf(messages) / 2),
      tokenizer,
    });
    const found = markerMessages(result.messages);
    expect(found).toHaveLength(1);
    expect(found[0]!.at).toBe(2);
    expect(found[0]!.message).toEqual({ role: 'user', content: result.markersInserted[0] });
    expect(result.markersInserted[0]).toMatch(new RegExp(`^${CCR_MARKER_RE.source}$`));
    const { marker } = found[0]!;
    expect(marker.omitted).toBe(result.plan.drop.length);
    expect(marker.total).toBe(messages.length);
    expect(marker.summary).toMatch(/^reason=token_cap; \d+ tool results \((search|get_logs) x\d+/);
    expect(store.puts).toHaveLength(1);
    expect(store.puts[0]).toMatchObject({ kind: 'messages', unit: 'messages', strategy: 'rolling_window' });
    const stored = JSON.parse(store.puts[0]!.original) as { format: string; messages: { index: number }[] };
    expect(stored.format).toBe('openai-chat');
    expect(stored.messages.map((m) => m.index)).toEqual(result.plan.drop);
    expect(await restore(result, store)).toEqual(messages);
    expect(result.ccrHashes).toEqual([marker.hash]);
    expect(result.plan.insert).toEqual({ at: 2, message: found[0]!.message });
  });

  it('puts the marker first when the first user message is dropped, so the output still opens with a user', () => {
    const messages = [
      system(),
      user(prose(80, 1)),
      assistant('noted'),
      user(prose(80, 2)),
      assistant(prose(80, 3)),
      user('now?'),
    ];
    const result = new RollingWindow({ preserveRecentTurns: 1 }, { store: new SpyStore() }).apply(messages, {
      maxTokens: 140,
      tokenizer,
    });
    expect(result.plan.drop).toContain(1);
    expect(result.messages[0]).toBe(messages[0]);
    expect(markerMessages(result.messages)[0]?.at).toBe(1);
    expect(pairViolations(result.messages)).toEqual([]);
  });

  it('leaves a frozen prefix of six messages untouched although its units are the oldest', () => {
    const messages = agentLoop(12);
    const result = new RollingWindow({ preserveRecentTurns: 1 }, { store: new SpyStore() }).apply(messages, {
      maxTokens: Math.floor(tokensOf(messages) / 2),
      frozenMessageCount: 6,
      tokenizer,
    });
    expect(result.dropped.length).toBeGreaterThan(0);
    for (let i = 0; i < 6; i++) expect(result.messages[i]).toBe(messages[i]);
    expect(Math.min(...result.plan.drop)).toBeGreaterThanOrEqual(6);
    expect(result.plan.insert!.at).toBeGreaterThanOrEqual(6);
  });

  it('takes the budget from maxTokens, then config, then the model limit minus the output buffer', () => {
    const messages = agentLoop(2);
    const rw = (cfg = {}) => new RollingWindow(cfg, { store: new SpyStore() });
    expect(rw({ maxTokens: 5000 }).apply(messages, { maxTokens: 3000, tokenizer }).budget).toBe(3000);
    expect(rw({ maxTokens: 5000 }).apply(messages, { modelLimit: 9000, tokenizer }).budget).toBe(5000);
    expect(rw().apply(messages, { modelLimit: 9000, tokenizer }).budget).toBe(5000);
    expect(rw({ outputBufferTokens: 1000 }).apply(messages, { modelLimit: 9000, tokenizer }).budget).toBe(
      8000,
    );
    expect(rw().apply(messages, { model: 'gpt-4o', tokenizer }).budget).toBe(128_000 - 4000);
    expect(rw().apply(messages, { tokenizer }).budget).toBe(DEFAULT_BUDGET);
    const bad = rw().apply(messages, { maxTokens: -5, tokenizer });
    expect(bad.budget).toBe(DEFAULT_BUDGET);
    expect(bad.warnings).toContain('invalid_option:maxTokens');
  });

  it('adds no violation to an input with an orphan tool result, and may drop the orphan', () => {
    const messages = [
      system(),
      user('Start.'),
      toolResult('ghost', rows(20)),
      toolCall('a', 'search'),
      toolResult('a', rows(20, 1)),
      user('Next?'),
      assistant('Sure.'),
    ];
    const before = pairViolations(messages).map((v) => `${v.code}:${v.id}`);
    expect(before).toEqual(['orphan-result:ghost']);
    const result = new RollingWindow({ preserveRecentTurns: 1 }, { store: new SpyStore() }).apply(messages, {
      maxTokens: tokensOf(messages) - 100,
      tokenizer,
    });
    const after = pairViolations(result.messages).map((v) => `${v.code}:${v.id}`);
    for (const v of after) expect(before).toContain(v);
    expect(result.dropped.length).toBeGreaterThan(0);
  });

  it('moves the marker past a kept unit that spans the gap', () => {
    // A damaged history: a user message sits between an assistant's two results.
    const calls: ChatMessage = {
      role: 'assistant',
      content: null,
      tool_calls: ['a', 'b'].map((id) => ({
        id,
        type: 'function',
        function: { name: 'search', arguments: '{}' },
      })),
    };
    const messages = [
      system(),
      user('Start.'),
      calls,
      toolResult('a', 'first'),
      user(prose(120)),
      toolResult('b', 'second'),
      user('Which one?'),
    ];
    const before = pairViolations(messages).map((v) => `${v.code}:${v.id}`);
    const result = new RollingWindow({ preserveRecentTurns: 0 }, { store: new SpyStore() }).apply(messages, {
      maxTokens: tokensOf(messages) - 60,
      frozenMessageCount: 2,
      tokenizer,
    });
    expect(result.plan.drop).toEqual([4]);
    expect(result.plan.insert!.at).toBe(6);
    for (const v of pairViolations(result.messages)) expect(before).toContain(`${v.code}:${v.id}`);
  });

  it('puts the marker in front when the gap would follow calls still awaiting their results', () => {
    // The last assistant group may hold calls whose results are still to come; a user message after
    // them would make the provider reject those calls as unanswered.
    const messages = [system(), user('Deploy it.'), toolCall('pending', 'deploy'), assistant(prose(120))];
    expect(pairViolations(messages)).toEqual([]);
    const result = new RollingWindow({ preserveRecentTurns: 0 }, { store: new SpyStore() }).apply(messages, {
      maxTokens: tokensOf(messages) - 60,
      tokenizer,
    });
    expect(result.plan.drop).toEqual([3]);
    expect(result.plan.insert!.at).toBe(1);
    expect(pairViolations(result.messages)).toEqual([]);
  });

  it('returns the kind of input it was given', () => {
    const messages = agentLoop(8);
    const conv: Conversation = { format: 'openai-chat', messages };
    const maxTokens = Math.floor(tokensOf(messages) / 2);
    const fromArray = new RollingWindow({}, { store: new SpyStore() }).apply(messages, {
      maxTokens,
      tokenizer,
    });
    const fromConv = new RollingWindow({}, { store: new SpyStore() }).apply(conv, { maxTokens, tokenizer });
    expect(Array.isArray(fromArray.messages)).toBe(true);
    expect(fromConv.messages).toEqual({ format: 'openai-chat', messages: fromArray.messages });
  });

  it('does nothing when disabled', () => {
    const messages = agentLoop(8);
    const result = new RollingWindow({ enabled: false }).apply(messages, { maxTokens: 10, tokenizer });
    expect(result.messages).toBe(messages);
  });

  it('fails open instead of dropping without a CCR entry when the store refuses the put', () => {
    const messages = agentLoop(8);
    const store = {
      put(): string {
        throw new Error('disk full');
      },
    };
    const result = new RollingWindow({}, { store }).apply(messages, { maxTokens: 200, tokenizer });
    expect(result.messages).toBe(messages);
    expect(result.warnings).toEqual(['failed:rolling_window:INTERNAL']);
  });

  it('puts the key a custom store returns into the marker', () => {
    const messages = agentLoop(8);
    const store = { put: () => 'abcdefabcdefabcdefabcdef' };
    const result = new RollingWindow({}, { store }).apply(messages, { maxTokens: 400, tokenizer });
    expect(result.markersInserted[0]).toContain('<<ccr:abcdefabcdefabcdefabcdef ');
    expect(result.ccrHashes).toEqual(['abcdefabcdefabcdefabcdef']);
  });

  it('uses the store of the call before its own, and core’s default store otherwise', async () => {
    const messages = agentLoop(8);
    const own = new SpyStore();
    const perCall = new MemoryCcrStore();
    const result = new RollingWindow({}, { store: own }).apply(messages, {
      maxTokens: 400,
      tokenizer,
      store: perCall,
    });
    expect(own.puts).toHaveLength(0);
    expect(await perCall.get(result.ccrHashes[0]!)).toBeDefined();
  });

  it('passes unreadable input through with a warning, never a throw', () => {
    const mixed = [
      { role: 'tool', tool_call_id: 'x', content: 'a' },
      { type: 'function_call_output', call_id: 'y', output: 'b' },
    ];
    const result = new RollingWindow().apply(mixed, { maxTokens: 1, tokenizer });
    expect(result.messages).toBe(mixed);
    expect(result.warnings).toEqual(['failed:rolling_window:MIXED_FORMAT']);
    for (const junk of [null, 42, 'text', { messages: 'nope' }, [null, 3, 'x']]) {
      const r = new RollingWindow().apply(junk as never, { maxTokens: 1, tokenizer });
      expect(r.messages).toBe(junk);
    }
    const empty = new RollingWindow().apply([], { maxTokens: 0, tokenizer });
    expect(empty.messages).toEqual([]);
    expect(
      new RollingWindow().apply(agentLoop(2), { model: 42 as never, maxTokens: 10 }).warnings,
    ).toBeDefined();
  });

  it('counts tokens as core does, so the reported totals are the real ones', () => {
    const messages = agentLoop(20);
    const result = new RollingWindow({}, { store: new SpyStore() }).apply(messages, {
      maxTokens: Math.floor(tokensOf(messages) / 3),
      tokenizer,
    });
    expect(result.tokensBefore).toBe(tokensOf(messages));
    expect(result.tokensAfter).toBe(viewOf(result.messages, { tokenizer }).totalTokens());
  });
});
