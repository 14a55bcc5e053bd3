/** Renders planned turns in each wire format, as the providers' SDKs would send them. */
import type { AnthropicBlock, AnyMessage, WireFormat } from '../messages/types.js';
import type { TurnSpec } from './conversation-specs.js';

const IMAGE_B64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const FINAL_USER = 'What is the status now?';

export function renderTurns(
  format: WireFormat,
  turns: TurnSpec[],
  system: string,
  finalUser: boolean,
): AnyMessage[] {
  const out =
    format === 'openai-chat'
      ? renderChat(turns, system)
      : format === 'anthropic'
        ? renderAnthropic(turns)
        : renderResponses(turns, system);
  if (finalUser) {
    out.push(
      format === 'openai-responses'
        ? { type: 'message', role: 'user', content: FINAL_USER }
        : { role: 'user', content: FINAL_USER },
    );
  }
  return out;
}

function renderChat(turns: TurnSpec[], system: string): AnyMessage[] {
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
  return out;
}

function renderAnthropic(turns: TurnSpec[]): AnyMessage[] {
  const out: AnyMessage[] = [];
  for (const t of turns) {
    if (t.kind === 'text') {
      const blocks: AnthropicBlock[] = [{ type: 'text', text: t.user }];
      if (t.image) {
        blocks.unshift({
          type: 'image',
          source: { type: 'base64', media_type: 'image/png', data: IMAGE_B64 },
        });
      }
      out.push({ role: 'user', content: t.userBlocks || t.image ? blocks : t.user });
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
  return out;
}

function renderResponses(turns: TurnSpec[], system: string): AnyMessage[] {
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
  return out;
}
