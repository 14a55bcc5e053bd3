/**
 * The shared generator itself: rich conversations are valid unless broken on purpose, and every
 * shape the context managers' invariants rely on actually occurs (a silently lost turn kind would
 * weaken those property tests without failing them).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toConversation } from '../messages/conversation.js';
import { pairViolations } from '../messages/pairs.js';
import type { WireFormat } from '../messages/types.js';
import { anyConversationArb, conversationArb, type GeneratedConversation } from './arbitraries.js';

const FORMATS: WireFormat[] = ['openai-chat', 'anthropic', 'openai-responses'];

/** Markers of each rich shape, looked for in the serialized conversation. */
const SHAPES: Record<WireFormat, string[]> = {
  'openai-chat': ['"image_url"', '"content":null', '"content":[{"type":"text"'],
  anthropic: ['"type":"image"', '"redacted_thinking"', '"is_error":true', '"type":"thinking"'],
  'openai-responses': ['"input_image"', '"compaction"', '"reasoning"'],
};

function shapesOf(g: GeneratedConversation): string[] {
  const json = JSON.stringify(g.conversation);
  const found = SHAPES[g.format].filter((s) => json.includes(s));
  const roles = g.conversation.messages.map((m) => (m as { role?: string }).role);
  if (roles.some((r, i) => r === 'assistant' && roles[i - 1] === 'tool')) found.push('agent-loop');
  if (roles.at(-1) === 'assistant' || roles.at(-1) === undefined) found.push('ends-on-agent');
  if (Array.isArray(g.input)) found.push('array-input');
  const ids = [...g.danglingCalls, ...g.orphanResults];
  if (new Set(ids).size < ids.length) found.push('reused-id');
  return found;
}

function shapesSeen(format: WireFormat, broken: boolean): Set<string> {
  const sample = fc.sample(conversationArb(format, { rich: true, broken }), { numRuns: 300, seed: 7 });
  return new Set(sample.flatMap(shapesOf));
}

describe('conversationArb', () => {
  it('makes rich conversations without pair violations unless broken (property)', () => {
    fc.assert(
      fc.property(anyConversationArb({ rich: true }), (g) => {
        expect(pairViolations(g.input)).toEqual([]);
        expect(toConversation(g.input).format).toBe(g.format);
        expect([...g.danglingCalls, ...g.orphanResults]).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('produces every rich shape in each format', () => {
    for (const format of FORMATS) {
      const seen = shapesSeen(format, false);
      const wanted = [...SHAPES[format], 'ends-on-agent'];
      if (format === 'openai-chat') wanted.push('agent-loop', 'array-input');
      expect(wanted.filter((s) => !seen.has(s))).toEqual([]);
      expect(shapesSeen(format, true).has('reused-id'), format).toBe(true);
    }
  });

  it('breaks rich conversations in the ways real damaged histories are broken', () => {
    const codes = new Set(
      fc
        .sample(anyConversationArb({ rich: true, broken: true }), { numRuns: 500, seed: 7 })
        .flatMap((g) => pairViolations(g.input).map((v) => v.code)),
    );
    expect([...codes].sort()).toEqual([
      'dangling-call',
      'first-not-user',
      'not-adjacent',
      'orphan-result',
      'reasoning-split',
    ]);
  });
});
