/**
 * fast-check generators of conversations in the three wire formats, with parallel calls, thinking
 * blocks and reasoning items. A generated conversation comes with the ids it deliberately broke, so
 * property tests know exactly which pair violations to expect.
 */
import fc from 'fast-check';
import type { AnthropicBlock, AnyMessage, Conversation, WireFormat } from '../messages/types.js';

interface CallSpec {
  id: string;
  name: string;
  args: string;
  result: string;
  dropCall: boolean;
  dropResult: boolean;
}

type TurnSpec =
  | { kind: 'text'; user: string; assistant: string }
  | { kind: 'tool'; user: string; thinking: string; calls: CallSpec[]; isError: boolean; mixedText: string };

export interface GeneratedConversation {
  conversation: Conversation;
  /** Calls whose result was removed: expected `dangling-call` ids. */
  danglingCalls: string[];
  /** Results whose call was removed: expected `orphan-result` ids. */
  orphanResults: string[];
}

const text = fc
  .string({ minLength: 1, maxLength: 40 })
  .map((s) => (s.trim().length === 0 ? `t${s.length}x` : s));

function callArb(broken: boolean): fc.Arbitrary<Omit<CallSpec, 'id'>> {
  return fc.record({
    name: fc.constantFrom('search', 'get_user', 'read_file', 'grep'),
    args: fc
      .dictionary(fc.constantFrom('q', 'id', 'path'), fc.string({ maxLength: 10 }), { maxKeys: 2 })
      .map((o) => JSON.stringify(o)),
    result: fc.json({ maxDepth: 2 }),
    dropCall: broken ? fc.boolean() : fc.constant(false),
    dropResult: broken ? fc.boolean() : fc.constant(false),
  });
}

function turnArb(broken: boolean): fc.Arbitrary<TurnSpec> {
  return fc.oneof(
    fc.record({ kind: fc.constant('text' as const), user: text, assistant: text }),
    fc.record({
      kind: fc.constant('tool' as const),
      user: text,
      thinking: text,
      calls: fc
        .array(callArb(broken), { minLength: 1, maxLength: 3 })
        .map((calls) => calls.map((c, i) => ({ ...c, id: `call_${i}` }))),
      isError: fc.boolean(),
      mixedText: fc.oneof(fc.constant(''), text),
    }),
  );
}

function uniqueIds(turns: TurnSpec[]): TurnSpec[] {
  let n = 0;
  return turns.map((t) =>
    t.kind === 'tool' ? { ...t, calls: t.calls.map((c) => ({ ...c, id: `call_${n++}` })) } : t,
  );
}

function renderChat(turns: TurnSpec[], system: string): AnyMessage[] {
  const out: AnyMessage[] = [{ role: 'system', content: system }];
  for (const t of turns) {
    out.push({ role: 'user', content: t.user });
    if (t.kind === 'text') {
      out.push({ role: 'assistant', content: t.assistant });
      continue;
    }
    const calls = t.calls.filter((c) => !c.dropCall);
    out.push({
      role: 'assistant',
      content: null,
      ...(calls.length > 0
        ? {
            tool_calls: calls.map((c) => ({
              id: c.id,
              type: 'function',
              function: { name: c.name, arguments: c.args },
            })),
          }
        : {}),
    });
    for (const c of t.calls)
      if (!c.dropResult) out.push({ role: 'tool', tool_call_id: c.id, content: c.result });
  }
  out.push({ role: 'user', content: 'done?' });
  return out;
}

function renderAnthropic(turns: TurnSpec[]): AnyMessage[] {
  const out: AnyMessage[] = [];
  for (const t of turns) {
    out.push({ role: 'user', content: [{ type: 'text', text: t.user }] });
    if (t.kind === 'text') {
      out.push({ role: 'assistant', content: [{ type: 'text', text: t.assistant }] });
      continue;
    }
    out.push({
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: t.thinking, signature: 'c2lnbmF0dXJl' },
        ...t.calls
          .filter((c) => !c.dropCall)
          .map((c) => ({ type: 'tool_use', id: c.id, name: c.name, input: JSON.parse(c.args) as unknown })),
      ],
    });
    const blocks: AnthropicBlock[] = t.calls
      .filter((c) => !c.dropResult)
      .map((c, i) => ({
        type: 'tool_result',
        tool_use_id: c.id,
        content: i % 2 === 0 ? c.result : [{ type: 'text', text: c.result }],
        ...(t.isError && i === 0 ? { is_error: true } : {}),
      }));
    if (t.mixedText) blocks.push({ type: 'text', text: t.mixedText });
    if (blocks.length > 0) out.push({ role: 'user', content: blocks });
  }
  out.push({ role: 'user', content: 'done?' });
  return out;
}

function renderResponses(turns: TurnSpec[], system: string): AnyMessage[] {
  const out: AnyMessage[] = [{ role: 'developer', content: system }];
  turns.forEach((t, ti) => {
    out.push({ type: 'message', role: 'user', content: [{ type: 'input_text', text: t.user }] });
    if (t.kind === 'text') {
      out.push({ type: 'message', role: 'assistant', content: [{ type: 'output_text', text: t.assistant }] });
      return;
    }
    out.push({ type: 'reasoning', id: `rs_${ti}`, summary: [], encrypted_content: 'ZW5j' });
    out.push({ type: 'message', role: 'assistant', content: [{ type: 'output_text', text: t.thinking }] });
    for (const c of t.calls) {
      if (!c.dropCall) out.push({ type: 'function_call', call_id: c.id, name: c.name, arguments: c.args });
    }
    for (const c of t.calls) {
      if (!c.dropResult) out.push({ type: 'function_call_output', call_id: c.id, output: c.result });
    }
  });
  out.push({ type: 'message', role: 'user', content: 'done?' });
  return out;
}

export const formatArb: fc.Arbitrary<WireFormat> = fc.constantFrom(
  'openai-chat',
  'openai-responses',
  'anthropic',
);

/** A conversation in `format`; with `broken`, some calls or results are removed (and reported). */
export function conversationArb(
  format: WireFormat,
  opts: { broken?: boolean; maxTurns?: number } = {},
): fc.Arbitrary<GeneratedConversation> {
  const broken = opts.broken ?? false;
  return fc
    .record({
      system: text,
      turns: fc.array(turnArb(broken), { minLength: 1, maxLength: opts.maxTurns ?? 6 }),
    })
    .map(({ system, turns: rawTurns }) => {
      const turns = uniqueIds(rawTurns);
      const calls = turns.flatMap((t) => (t.kind === 'tool' ? t.calls : []));
      const messages =
        format === 'openai-chat'
          ? renderChat(turns, system)
          : format === 'anthropic'
            ? renderAnthropic(turns)
            : renderResponses(turns, system);
      const conversation: Conversation =
        format === 'anthropic'
          ? { format, system: [{ type: 'text', text: system }], messages }
          : { format, messages };
      return {
        conversation,
        danglingCalls: calls.filter((c) => c.dropResult && !c.dropCall).map((c) => c.id),
        orphanResults: calls.filter((c) => c.dropCall && !c.dropResult).map((c) => c.id),
      };
    });
}

export const anyConversationArb = (opts: { broken?: boolean } = {}) =>
  formatArb.chain((format) => conversationArb(format, opts));
