import { type AnyMessage, countMessage, type Tokenizer } from '@headroom/core';

type Loose = { role?: string; content?: unknown; tool_calls?: { function?: { arguments?: string } }[] };

const contentText = (content: unknown): string =>
  typeof content === 'string'
    ? content
    : Array.isArray(content)
      ? content.map((p) => (typeof p?.text === 'string' ? p.text : '')).join('\n')
      : '';

/** Everything a model reads in a Chat conversation: contents and tool-call arguments. */
export function conversationText(messages: readonly AnyMessage[]): string {
  return messages
    .map((m) => {
      const l = m as Loose;
      const args = (l.tool_calls ?? []).map((c) => c.function?.arguments ?? '').join('\n');
      return `${contentText(l.content)}\n${args}`;
    })
    .join('\n');
}

/** The tool outputs of a Chat conversation. */
export function toolOutputs(messages: readonly AnyMessage[]): string {
  return messages
    .filter((m) => (m as Loose).role === 'tool')
    .map((m) => contentText((m as Loose).content))
    .join('\n');
}

export const conversationTokens = (messages: readonly AnyMessage[], t: Tokenizer): number =>
  messages.reduce((sum, m) => sum + countMessage('openai-chat', m, t), 0);
