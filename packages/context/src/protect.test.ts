import { type Conversation, viewOf } from '@headroom/core';
import { describe, expect, it } from 'vitest';
import { protectedUnits } from './protect.js';
import { assistant, system, toolCall, toolResult, user } from './test-utils/chat.js';
import { tokenizer } from './test-utils/helpers.js';

describe('protectedUnits', () => {
  const messages = [
    system(),
    user('First.'),
    toolCall('a', 'search'),
    toolResult('a', 'x'),
    assistant('Hm.'),
    user('Second.'),
    assistant('Sure.'),
    toolCall('b', 'search'),
    toolResult('b', 'y'),
    assistant('Done.'),
  ];
  const view = viewOf(messages, { tokenizer });
  const protectedIndexes = (rules: Partial<Parameters<typeof protectedUnits>[1]> = {}) =>
    [...protectedUnits(view, { keepSystem: true, keepLastTurns: 0, frozenMessageCount: 0, ...rules })]
      .flatMap((id) => view.units[id]!.entries)
      .sort((a, b) => a - b);

  it('always keeps the system prompt, the last real user message and the most recent tool unit', () => {
    expect(protectedIndexes()).toEqual([0, 5, 7, 8]);
  });

  it('keeps the last N exchanges', () => {
    expect(protectedIndexes({ keepLastTurns: 2 })).toEqual([0, 5, 7, 8, 9]);
    expect(protectedIndexes({ keepLastTurns: 3 })).toEqual([0, 5, 6, 7, 8, 9]);
  });

  it('keeps every unit reaching into the frozen prefix', () => {
    expect(protectedIndexes({ frozenMessageCount: 3 })).toEqual([0, 1, 2, 3, 5, 7, 8]);
  });

  it('lets a system message go with keepSystem false, but never an external system prompt', () => {
    expect(protectedIndexes({ keepSystem: false })).toEqual([5, 7, 8]);
    const conv: Conversation = {
      format: 'anthropic',
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'hi' }],
    };
    const external = viewOf(conv, { tokenizer });
    const kept = protectedUnits(external, { keepSystem: false, keepLastTurns: 0, frozenMessageCount: 0 });
    expect(kept.has(external.unitOf(-1)!.id)).toBe(true);
  });
});
