/**
 * fast-check generators of conversations in the three wire shapes, sized so that token budgets cut
 * through them: parallel tool calls, agent loops without user turns, thinking and redacted
 * thinking blocks, reasoning and compaction items, images, Anthropic results mixed with text, error
 * results, ids that later messages refer back to. With `broken`, calls or results are removed and ids
 * reused, as in real damaged histories.
 */
import type { AnthropicBlock, AnyMessage, Conversation, MessagesInput, WireFormat } from '@headroom/core';
import fc from 'fast-check';

interface CallSpec {
  id: string;
  name: string;
  args: string;
  result: string;
  isError: boolean;
  asParts: boolean;
  dropCall: boolean;
  dropResult: boolean;
}

type TurnSpec =
  | { kind: 'text'; user: string; image: boolean; assistant: string; thinking: string; compaction: boolean }
  | {
      kind: 'tool';
      user: string | null;
      thinking: string;
      redacted: boolean;
      preamble: string;
      calls: CallSpec[];
      mixedText: string;
    };

export interface GeneratedConversation {
  format: WireFormat;
  /** What a caller passes: an array, or a Conversation (always one when there is an external system). */
  input: MessagesInput;
  conversation: Conversation;
}

const words = fc.lorem({ maxCount: 40 }).map((s) => (s.trim() ? s : 'ok'));
const shortText = fc.lorem({ maxCount: 6 }).map((s) => (s.trim() ? s : 'hi'));
const code = fc.integer({ min: 100, max: 999 }).map((n) => `REF${n}X`);

const jsonResult = fc
  .record({
    rows: fc.array(
      fc.record({ id: code, status: fc.constantFrom('ok', 'pending', 'failed'), note: shortText }),
      { maxLength: 6 },
    ),
  })
  .map((o) => JSON.stringify(o.rows.length % 2 === 0 ? o : o.rows));
const textResult = fc.oneof(
  words,
  fc.tuple(words, code).map(([w, c]) => `${w} ${c}`),
);

function callArb(broken: boolean): fc.Arbitrary<Omit<CallSpec, 'id'>> {
  return fc.record({
    name: fc.constantFrom('search', 'get_user', 'read_file', 'grep'),
    args: fc
      .dictionary(fc.constantFrom('q', 'id', 'path'), fc.oneof(shortText, code), { maxKeys: 2 })
      .map((o) => JSON.stringify(o)),
    result: fc.oneof(jsonResult, textResult),
    isError: fc.boolean(),
    asParts: fc.boolean(),
    dropCall: broken ? fc.boolean() : fc.constant(false),
    dropResult: broken ? fc.boolean() : fc.constant(false),
  });
}

function turnArb(broken: boolean): fc.Arbitrary<TurnSpec> {
  return fc.oneof(
    fc.record({
      kind: fc.constant('text' as const),
      user: words,
      image: fc.boolean(),
      assistant: words,
      thinking: fc.oneof(fc.constant(''), shortText),
      compaction: fc.boolean(),
    }),
    fc.record({
      kind: fc.constant('tool' as const),
      user: fc.option(words, { nil: null }),
      thinking: shortText,
      redacted: fc.boolean(),
      preamble: fc.oneof(fc.constant(''), shortText),
      calls: fc.array(callArb(broken), { minLength: 1, maxLength: 3 }) as fc.Arbitrary<CallSpec[]>,
      mixedText: fc.oneof(fc.constant(''), fc.constant(''), shortText),
    }),
  );
}

/** Unique call ids; with `reuse`, some turns reuse an earlier turn's ids (recorded traces do). */
function assignIds(turns: TurnSpec[], reuse: boolean): TurnSpec[] {
  let n = 0;
  return turns.map((t, ti) => {
    if (t.kind !== 'tool') return t;
    const restart = reuse && ti % 3 === 2;
    if (restart) n = 0;
    return { ...t, calls: t.calls.map((c) => ({ ...c, id: `call_${n++}` })) };
  });
}

const IMAGE_B64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

function renderChat(turns: TurnSpec[], system: string, finalUser: boolean): AnyMessage[] {
  const out: AnyMessage[] = [{ role: 'system', content: system }];
  for (const t of turns) {
    if (t.kind === 'text') {
      out.push({
        role: 'user',
        content: t.image
          ? [
              { type: 'text', text: t.user },
              { type: 'image_url', image_url: { url: `data:image/png;base64,${IMAGE_B64}` } },
            ]
          : t.user,
      });
      out.push({ role: 'assistant', content: t.assistant });
      continue;
    }
    if (t.user !== null) out.push({ role: 'user', content: t.user });
    const calls = t.calls.filter((c) => !c.dropCall);
    out.push({
      role: 'assistant',
      content: t.preamble || null,
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
    for (const c of t.calls) {
      if (c.dropResult) continue;
      out.push({
        role: 'tool',
        tool_call_id: c.id,
        content: c.asParts ? [{ type: 'text', text: c.result }] : c.result,
      });
    }
  }
  if (finalUser) out.push({ role: 'user', content: 'What is the status now?' });
  return out;
}

function renderAnthropic(turns: TurnSpec[], finalUser: boolean): AnyMessage[] {
  const out: AnyMessage[] = [];
  for (const t of turns) {
    if (t.kind === 'text') {
      out.push({
        role: 'user',
        content: t.image
          ? [
              { type: 'image', source: { type: 'base64', media_type: 'image/png', data: IMAGE_B64 } },
              { type: 'text', text: t.user },
            ]
          : t.user,
      });
      out.push({
        role: 'assistant',
        content: [
          ...(t.thinking ? [{ type: 'thinking', thinking: t.thinking, signature: 'c2lnbmF0dXJl' }] : []),
          { type: 'text', text: t.assistant },
        ],
      });
      continue;
    }
    if (t.user !== null) out.push({ role: 'user', content: [{ type: 'text', text: t.user }] });
    out.push({
      role: 'assistant',
      content: [
        t.redacted
          ? { type: 'redacted_thinking', data: 'ZW5jcnlwdGVk' }
          : { type: 'thinking', thinking: t.thinking, signature: 'c2lnbmF0dXJl' },
        ...(t.preamble ? [{ type: 'text', text: t.preamble }] : []),
        ...t.calls
          .filter((c) => !c.dropCall)
          .map((c) => ({ type: 'tool_use', id: c.id, name: c.name, input: JSON.parse(c.args) as unknown })),
      ],
    });
    const blocks: AnthropicBlock[] = t.calls
      .filter((c) => !c.dropResult)
      .map((c) => ({
        type: 'tool_result',
        tool_use_id: c.id,
        content: c.asParts ? [{ type: 'text', text: c.result }] : c.result,
        ...(c.isError ? { is_error: true } : {}),
      }));
    if (t.mixedText) blocks.push({ type: 'text', text: t.mixedText });
    if (blocks.length > 0) out.push({ role: 'user', content: blocks });
  }
  if (finalUser) out.push({ role: 'user', content: 'What is the status now?' });
  return out;
}

function renderResponses(turns: TurnSpec[], system: string, finalUser: boolean): AnyMessage[] {
  const out: AnyMessage[] = [{ role: 'developer', content: system }];
  turns.forEach((t, ti) => {
    if (t.kind === 'text') {
      out.push({
        type: 'message',
        role: 'user',
        content: [
          { type: 'input_text', text: t.user },
          ...(t.image ? [{ type: 'input_image', image_url: `data:image/png;base64,${IMAGE_B64}` }] : []),
        ],
      });
      if (t.compaction) out.push({ type: 'compaction', id: `cmp_${ti}`, encrypted_content: 'Y29tcGFjdGVk' });
      out.push({ type: 'message', role: 'assistant', content: [{ type: 'output_text', text: t.assistant }] });
      return;
    }
    if (t.user !== null) {
      out.push({ type: 'message', role: 'user', content: [{ type: 'input_text', text: t.user }] });
    }
    out.push({ type: 'reasoning', id: `rs_${ti}`, summary: [], encrypted_content: 'ZW5j' });
    if (t.preamble) {
      out.push({ type: 'message', role: 'assistant', content: [{ type: 'output_text', text: t.preamble }] });
    }
    for (const c of t.calls) {
      if (!c.dropCall) out.push({ type: 'function_call', call_id: c.id, name: c.name, arguments: c.args });
    }
    for (const c of t.calls) {
      if (!c.dropResult) out.push({ type: 'function_call_output', call_id: c.id, output: c.result });
    }
  });
  if (finalUser) out.push({ type: 'message', role: 'user', content: 'What is the status now?' });
  return out;
}

export const formatArb: fc.Arbitrary<WireFormat> = fc.constantFrom(
  'openai-chat',
  'openai-responses',
  'anthropic',
);

/** A conversation in `format`; with `broken`, some calls or results are missing and ids are reused. */
export function conversationArb(
  format: WireFormat,
  opts: { broken?: boolean; maxTurns?: number } = {},
): fc.Arbitrary<GeneratedConversation> {
  const broken = opts.broken ?? false;
  return fc
    .record({
      system: words,
      turns: fc.array(turnArb(broken), { minLength: 1, maxLength: opts.maxTurns ?? 10 }),
      finalUser: fc.boolean(),
      asArray: fc.boolean(),
    })
    .map(({ system, turns: raw, finalUser, asArray }) => {
      // A valid conversation opens with a user message; a broken one may open with the agent.
      const first = raw[0]!;
      if (!broken && first.kind === 'tool' && first.user === null) raw[0] = { ...first, user: 'Start.' };
      const turns = assignIds(raw, broken);
      const messages =
        format === 'openai-chat'
          ? renderChat(turns, system, finalUser)
          : format === 'anthropic'
            ? renderAnthropic(turns, finalUser)
            : renderResponses(turns, system, finalUser);
      const conversation: Conversation =
        format === 'anthropic'
          ? { format, system: [{ type: 'text', text: system }], messages }
          : { format, messages };
      const input = asArray && format !== 'anthropic' ? messages : conversation;
      return { format, input, conversation };
    });
}

export const anyConversationArb = (opts: { broken?: boolean; maxTurns?: number } = {}) =>
  formatArb.chain((format) => conversationArb(format, opts));
