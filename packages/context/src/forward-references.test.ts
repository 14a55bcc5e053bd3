import { viewOf } from '@headroom/core';
import { describe, expect, it } from 'vitest';
import { forwardReferences, MAX_DISTINCTIVE } from './forward-references.js';
import { assistant, toolCall, toolResult, user } from './test-utils/chat.js';
import { tokenizer } from './test-utils/helpers.js';
import { unitFeatures } from './unit-features.js';

const refsOf = (messages: object[]) => {
  const view = viewOf(messages, { tokenizer });
  const refs = forwardReferences(unitFeatures(view));
  return messages.map((_, i) => refs.get(view.unitOf(i)!.id));
};

describe('forwardReferences', () => {
  it('counts the later units that mention a unit’s distinctive tokens, arguments included', () => {
    const messages = [
      user('My reservation is NO6JO3.'),
      toolCall('a', 'get_reservation', { id: 'NO6JO3' }),
      toolResult('a', '{"flight":"HAT136"}'),
      assistant('Your flight HAT136 is on time.'),
      user('Cancel NO6JO3 please.'),
    ];
    // user 0 ← call args and user 4; the tool unit (1, 2) ← assistant 3 and user 4.
    expect(refsOf(messages)).toEqual([2, 2, 2, 0, 0]);
  });

  it('looks at the first 50 distinctive tokens of a unit only', () => {
    const codes = Array.from({ length: MAX_DISTINCTIVE + 1 }, (_, i) => `CODE${i}X`);
    const messages = [
      assistant(codes.join(' ')),
      user(`What about ${codes.at(-1)}?`),
      user(`And ${codes[0]}?`),
    ];
    expect(refsOf(messages)).toEqual([1, 0, 0]);
  });
});
