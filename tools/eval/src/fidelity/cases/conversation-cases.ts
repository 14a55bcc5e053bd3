import type { AnyMessage } from '@headroom/core';
import { seeded } from '../../prng.js';
import type { ContentCase, ConversationCase } from '../case.js';
import { codeCases } from './code-cases.js';
import { jsonCases } from './json-cases.js';
import { textCases } from './text-cases.js';

/**
 * A coding/ops agent session: each turn the assistant makes two or three parallel tool calls whose
 * outputs are seeded tool outputs with planted needles, then answers. The needles are the
 * conversation's must-keep items.
 */
function agentSession(id: string, seed: number, outputs: ContentCase[], perTurn: number): ConversationCase {
  const messages: AnyMessage[] = [
    { role: 'system', content: 'You are an operations agent. Use the tools; cite ids exactly.' },
  ];
  const mustKeep: string[] = [];
  let call = 0;
  for (let turn = 0; turn * perTurn < outputs.length; turn++) {
    const batch = outputs.slice(turn * perTurn, (turn + 1) * perTurn);
    messages.push({
      role: 'user',
      content: `Step ${turn + 1}: ${batch.map((c) => c.query ?? c.kind).join('; ')}`,
    });
    const calls = batch.map((c) => ({
      id: `call_${seed}_${call++}`,
      type: 'function' as const,
      function: { name: c.toolName ?? 'tool', arguments: JSON.stringify({ query: c.query ?? c.kind }) },
    }));
    messages.push({ role: 'assistant', content: null, tool_calls: calls });
    for (const [i, c] of batch.entries()) {
      messages.push({ role: 'tool', tool_call_id: calls[i]!.id, content: c.text });
      mustKeep.push(...c.mustKeep);
    }
    messages.push({ role: 'assistant', content: `Checked ${batch.length} sources for step ${turn + 1}.` });
  }
  return {
    id,
    kind: 'conversation: agent, parallel calls',
    origin: 'seeded',
    messages,
    mustKeep,
    goldValues: [],
  };
}

export function conversationCases(seed: number): ConversationCase[] {
  const rand = seeded(seed);
  const pool = [...jsonCases(seed + 1), ...textCases(seed + 2), ...codeCases(seed + 3)];
  // A seeded shuffle, so each session mixes content types differently.
  const shuffled = pool
    .map((c) => ({ c, k: rand() }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.c);
  return [
    agentSession('agent-session-a', seed, shuffled.slice(0, 6), 2),
    agentSession('agent-session-b', seed + 7, shuffled.slice(5), 3),
  ];
}
