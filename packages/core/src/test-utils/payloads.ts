/** Real-shaped request bodies of the three providers, as their SDKs send them. */
import type { AnthropicMessage, AnthropicTextBlock, ChatMessage, ResponsesItem } from '../messages/types.js';

export const chatParallelCalls: ChatMessage[] = [
  { role: 'system', content: 'You are a weather assistant.' },
  { role: 'user', content: 'Weather in Paris and Tokyo?' },
  {
    role: 'assistant',
    content: null,
    tool_calls: [
      {
        id: 'call_paris',
        type: 'function',
        function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
      },
      {
        id: 'call_tokyo',
        type: 'function',
        function: { name: 'get_weather', arguments: '{"city":"Tokyo"}' },
      },
    ],
  },
  { role: 'tool', tool_call_id: 'call_paris', content: '{"temp_c":18,"sky":"cloudy"}' },
  {
    role: 'tool',
    tool_call_id: 'call_tokyo',
    content: [{ type: 'text', text: '{"temp_c":24,"sky":"clear"}' }],
  },
  { role: 'assistant', content: 'Paris is 18°C and cloudy; Tokyo is 24°C and clear.' },
  {
    role: 'user',
    content: [
      { type: 'text', text: 'And this picture?' },
      { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
    ],
  },
];

export const anthropicSystem: AnthropicTextBlock[] = [
  { type: 'text', text: 'You are a coding agent.', cache_control: { type: 'ephemeral' } },
];

export const anthropicMessages: AnthropicMessage[] = [
  { role: 'user', content: 'Find the failing test and read the config.' },
  {
    role: 'assistant',
    content: [
      { type: 'thinking', thinking: 'I should grep first, then read.', signature: 'EqQBCkYIARgCKkC0sig==' },
      { type: 'text', text: 'Searching.' },
      { type: 'tool_use', id: 'toolu_grep', name: 'Grep', input: { pattern: 'FAIL', path: 'src' } },
      { type: 'tool_use', id: 'toolu_read', name: 'Read', input: { file_path: 'config.json' } },
    ],
  },
  {
    role: 'user',
    content: [
      {
        type: 'tool_result',
        tool_use_id: 'toolu_grep',
        content: [
          { type: 'text', text: 'src/a.test.ts:12: FAIL expected 2' },
          { type: 'text', text: 'src/b.test.ts:40: FAIL timeout' },
        ],
      },
      { type: 'tool_result', tool_use_id: 'toolu_read', content: 'ENOENT: no such file', is_error: true },
      { type: 'text', text: 'Also check the image.' },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
    ],
  },
  {
    role: 'assistant',
    content: [
      { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix/LafPsn4aDFIT' },
      { type: 'text', text: 'Two failures.' },
    ],
  },
];

export const responsesInput: ResponsesItem[] = [
  { role: 'developer', content: 'Use tools when useful.' },
  {
    type: 'message',
    role: 'user',
    content: [{ type: 'input_text', text: 'Total of invoices INV1234 and INV5678?' }],
  },
  { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: 'gAAAAABo_opaque==' },
  { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Looking them up.' }] },
  {
    type: 'function_call',
    id: 'fc_1',
    call_id: 'call_a',
    name: 'get_invoice',
    arguments: '{"id":"INV1234"}',
  },
  {
    type: 'function_call',
    id: 'fc_2',
    call_id: 'call_b',
    name: 'get_invoice',
    arguments: '{"id":"INV5678"}',
  },
  { type: 'function_call_output', call_id: 'call_a', output: '{"id":"INV1234","total":120.5}' },
  { type: 'function_call_output', call_id: 'call_b', output: '{"id":"INV5678","total":79.5}' },
  { type: 'item_reference', id: 'msg_prev' },
  { type: 'compaction', id: 'cmp_1', encrypted_content: 'gAAAAABcompacted==' },
  { type: 'message', role: 'user', content: 'Thanks! Now the sum please.' },
];
