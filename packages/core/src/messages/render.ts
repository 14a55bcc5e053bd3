import type { AnyMessage, WireFormat } from './types.js';

/** A new plain-text message in the wire shape of `format`. */
export function renderMessage(
  format: WireFormat,
  m: { role: 'user' | 'assistant'; text: string },
): AnyMessage {
  switch (format) {
    case 'openai-chat':
      return { role: m.role, content: m.text };
    case 'openai-responses':
      return {
        type: 'message',
        role: m.role,
        content: [{ type: m.role === 'user' ? 'input_text' : 'output_text', text: m.text }],
      };
    case 'anthropic':
      return { role: m.role, content: [{ type: 'text', text: m.text }] };
  }
}
