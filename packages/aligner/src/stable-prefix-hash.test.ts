import { type ChatMessage, type Conversation, contentHash } from '@headroom/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CacheAligner } from './cache-aligner.js';
import { stablePrefixHash } from './stable-prefix-hash.js';
import { render, templateArb, valuesArb } from './test-utils/prompts.js';

describe('stablePrefixHash', () => {
  it('equals the hash align reports, without rewriting', () => {
    fc.assert(
      fc.property(templateArb, valuesArb, (template, values) => {
        const messages: ChatMessage[] = [
          { role: 'system', content: render(template, values) },
          { role: 'user', content: 'Hi' },
        ];
        expect(stablePrefixHash(messages)).toBe(new CacheAligner().align(messages).stablePrefixHash);
        const config = { extractInline: false };
        expect(stablePrefixHash(messages, config)).toBe(
          new CacheAligner(config).align(messages).stablePrefixHash,
        );
      }),
      { numRuns: 100 },
    );
  });

  it('joins several system slots and ignores the conversation', () => {
    const conv: Conversation = {
      format: 'anthropic',
      system: [
        { type: 'text', text: 'Be brief.' },
        { type: 'text', text: 'Today is January 7, 2025.\nAnswer in French.' },
      ],
      messages: [{ role: 'user', content: 'Current date: 2025-01-07' }],
    };
    expect(stablePrefixHash(conv)).toBe(contentHash('Be brief.\n---\nAnswer in French.'));
  });

  it('hashes an unreadable request as an empty prefix', () => {
    const mixed = [
      { role: 'tool', tool_call_id: 'x', content: 'ok' },
      { type: 'function_call_output', call_id: 'y', output: 'ok' },
    ];
    expect(stablePrefixHash(mixed)).toBe(contentHash(''));
  });
});
