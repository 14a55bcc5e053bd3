import { viewOf } from '@headroom/core';
import { describe, expect, it } from 'vitest';
import { dropSummary } from './summary.js';
import { assistant, system, toolCall, toolResult, user } from './test-utils/chat.js';
import { tokenizer } from './test-utils/helpers.js';

describe('dropSummary', () => {
  const messages = [
    system(),
    user('Go.'),
    toolCall('a', 'search'),
    toolResult('a', 'x'),
    toolCall('b', 'search'),
    toolResult('b', 'y'),
    toolCall('c', 'get_logs'),
    toolResult('c', 'z'),
    assistant('Found it.'),
    user('Thanks.'),
    {
      role: 'assistant' as const,
      content: null,
      tool_calls: [{ id: 'd', type: 'function', function: { name: 'x', arguments: '{}' } }],
    },
  ];
  const view = viewOf(messages, { tokenizer });
  const units = (...firsts: number[]) => firsts.map((f) => view.unitOf(f)!);

  it('counts tool results by tool, most frequent first, then the text messages by role', () => {
    expect(dropSummary(view, units(1, 2, 4, 6, 8), 'token_cap')).toBe(
      'reason=token_cap; 3 tool results (search x2, get_logs x1), 1 assistant, 1 user',
    );
  });

  it('uses the singular for one, and counts calls whose results are missing', () => {
    expect(dropSummary(view, units(6), 'importance')).toBe('reason=importance; 1 tool result (get_logs x1)');
    expect(dropSummary(view, units(10), 'importance')).toBe('reason=importance; 1 tool call');
  });
});
