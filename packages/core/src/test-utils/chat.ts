/** Small builders of OpenAI Chat messages for hand-written test cases. */
import type { ChatMessage } from '../messages/types.js';

export const system = (content = 'You are a support agent. Be brief.'): ChatMessage => ({
  role: 'system',
  content,
});
export const user = (content: string): ChatMessage => ({ role: 'user', content });
export const assistant = (content: string): ChatMessage => ({ role: 'assistant', content });
export const toolCall = (id: string, name: string, args: Record<string, unknown> = {}): ChatMessage => ({
  role: 'assistant',
  content: null,
  tool_calls: [{ id, type: 'function', function: { name, arguments: JSON.stringify(args) } }],
});
export const toolResult = (id: string, content: string): ChatMessage => ({
  role: 'tool',
  tool_call_id: id,
  content,
});
