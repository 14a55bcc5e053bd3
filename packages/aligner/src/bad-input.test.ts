import { type ChatMessage, type Conversation, contentHash } from '@headroom/core';
import { describe, expect, it } from 'vitest';
import { CacheAligner } from './cache-aligner.js';
import { FILLER } from './test-utils/prompts.js';

const UUID = '3f2a1b4c-1d2e-4f3a-8b9c-0d1e2f3a4b5c';

describe('bad input never throws', () => {
  it('only detects a system prompt of nothing but dynamic values', () => {
    const messages: ChatMessage[] = [
      { role: 'system', content: `Current date: 2025-01-07\nSession ID: ${UUID}` },
      { role: 'user', content: 'Hi' },
    ];
    const strict = new CacheAligner({ stablePrefixMinTokens: 0 }).align(messages);
    expect(strict).toMatchObject({ messages, mode: 'detect', warnings: ['cache_aligner:only_dynamic'] });
    expect(strict.spans).toHaveLength(2);
    expect(new CacheAligner().align(messages).warnings).toEqual(['cache_aligner:only_dynamic']);
  });

  it('only detects when a system block would be left empty', () => {
    const conv: Conversation = {
      format: 'anthropic',
      system: [
        { type: 'text', text: FILLER },
        { type: 'text', text: 'Today is January 7, 2025.' },
      ],
      messages: [{ role: 'user', content: 'Hi' }],
    };
    expect(new CacheAligner().align(conv)).toMatchObject({
      messages: conv,
      warnings: ['cache_aligner:empty_slot'],
    });
  });

  it('aligns a megabyte system prompt in linear time', { timeout: 30_000 }, () => {
    const paragraphs = Array.from(
      { length: 1900 },
      (_, i) => `${FILLER} Rule ${i} applies to region r${i % 7}.`,
    );
    paragraphs.splice(950, 0, 'Current date: 2025-01-07', `Session ${UUID} is active.`);
    const system = paragraphs.join('\n\n');
    expect(system.length).toBeGreaterThan(1_000_000);
    const started = performance.now();
    const result = new CacheAligner().align([
      { role: 'system', content: system },
      { role: 'user', content: 'Hi' },
    ]);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(result.mode).toBe('rewrite');
    expect(result.spans.map((s) => s.category)).toEqual(['date', 'uuid']);
    expect(result.stablePrefixBytes).toBe(
      system.length - 'Current date: 2025-01-07\n\n'.length - UUID.length + 11,
    );
  });

  it('only detects a megabyte data dump with thousands of values', { timeout: 30_000 }, () => {
    const rows = Array.from(
      { length: 20_000 },
      (_, i) => `row ${i}: ${UUID.slice(0, -5)}${String(i).padStart(5, '0')}`,
    );
    const messages: ChatMessage[] = [
      { role: 'system', content: `${FILLER}\n${rows.join('\n')}` },
      { role: 'user', content: 'Hi' },
    ];
    const result = new CacheAligner().align(messages);
    expect(result.messages).toBe(messages);
    expect(result.warnings).toEqual(['cache_aligner:too_many_spans']);
  });

  it.each<[string, Conversation]>([
    [
      'a block without text',
      { format: 'anthropic', system: [{ type: 'text', text: 5 } as never], messages: [] },
    ],
    [
      'a null block',
      {
        format: 'anthropic',
        system: [null as never, { type: 'text', text: `${FILLER}\nCurrent date: 2025-01-07` }],
        messages: [],
      },
    ],
    [
      'a number for a system prompt',
      { format: 'anthropic', system: 42 as never, messages: [{ role: 'user', content: 'Hi' }] },
    ],
  ])('only detects a malformed system prompt: %s', (_, conv) => {
    const result = new CacheAligner().align(conv);
    expect(result.messages).toBe(conv);
    expect(result.modified).toBe(false);
  });

  it('warns about a malformed block array it would otherwise rewrite', () => {
    const conv: Conversation = {
      format: 'anthropic',
      system: [{ type: 'text', text: `${FILLER}\nCurrent date: 2025-01-07` }, { text: 'no type' } as never],
      messages: [{ role: 'user', content: 'Hi' }],
    };
    expect(new CacheAligner().align(conv)).toMatchObject({
      messages: conv,
      mode: 'detect',
      warnings: ['cache_aligner:malformed_system'],
    });
  });

  it('respects cache_control on Chat system parts and leaves client breakpoints elsewhere alone', () => {
    const marked: ChatMessage[] = [
      {
        role: 'system',
        content: [
          { type: 'text', text: `${FILLER}\nCurrent date: 2025-01-07`, cache_control: { type: 'ephemeral' } },
        ],
      },
      { role: 'user', content: 'Hi' },
    ];
    expect(new CacheAligner().align(marked).warnings).toEqual(['cache_aligner:cache_control']);

    const user = {
      role: 'user' as const,
      content: [{ type: 'text', text: 'Hi', cache_control: { type: 'ephemeral' } }],
    };
    const conv: Conversation = {
      format: 'anthropic',
      system: `${FILLER}\nCurrent date: 2025-01-07`,
      messages: [user],
    };
    const out = new CacheAligner().align(conv).messages;
    expect((out.messages[0] as typeof user).content[0]).toBe(user.content[0]);
  });

  it('passes a mixed-format array through with a warning', () => {
    const messages = [
      { role: 'tool', tool_call_id: 'x', content: 'ok' },
      { type: 'function_call_output', call_id: 'y', output: 'ok' },
    ];
    const result = new CacheAligner().align(messages);
    expect(result).toMatchObject({
      messages,
      modified: false,
      warnings: ['cache_aligner:failed:MIXED_FORMAT'],
    });
    expect(result.stablePrefixHash).toBe(contentHash(''));
    const applied = new CacheAligner().apply(messages);
    expect(applied.messages).toBe(messages);
    expect(applied.warnings).toEqual(['cache_aligner:failed:MIXED_FORMAT']);
  });

  it('skips non-object messages and requests without a system prompt', () => {
    const messages = [null, { role: 'user', content: 'Hi' }] as never[];
    expect(new CacheAligner().align(messages)).toMatchObject({ messages, modified: false, warnings: [] });
    const none = [{ role: 'user', content: 'Current date: 2025-01-07' }];
    expect(new CacheAligner().align(none)).toMatchObject({
      messages: none,
      spans: [],
      stablePrefixHash: contentHash(''),
    });
  });
});

describe('adversarial text stays near linear', () => {
  const ticks = Array.from({ length: 550 }, (_, k) => '`'.repeat(k + 1)).join(' ');
  it.each<[string, string]>([
    ['JWT markers', 'eyJ'.repeat(70_000)],
    ['digits inside one hex run', 'a1'.repeat(100_000)],
    ['hex runs before dashes', 'abcdef01-'.repeat(25_000)],
    ['backtick runs that never close', ticks],
    ['fence lines', '```\n~~~~\n'.repeat(25_000)],
    ['URL starts', 'http://'.repeat(30_000)],
    ['labels without values', 'Today is 7. '.repeat(20_000)],
    ['sentences on one line', 'Date: 2025-01-07. '.repeat(12_000)],
    ['CR line breaks with digits', 'Rule 1 applies.\r'.repeat(15_000)],
  ])(
    '%s',
    (_, system) => {
      const started = performance.now();
      const result = new CacheAligner({ maxSpans: 1_000_000 }).align([
        { role: 'system', content: system },
        { role: 'user', content: 'Hi' },
      ]);
      // Linear: well under a second here; the quadratic versions these guard against took 10 s and more.
      expect(performance.now() - started).toBeLessThan(5000);
      expect(result.warnings.some((w) => w.startsWith('cache_aligner:failed'))).toBe(false);
    },
    30_000,
  );
});

describe('quiet skips', () => {
  it('does not warn about client breakpoints or size when there is nothing to do', () => {
    const conv: Conversation = {
      format: 'anthropic',
      system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
      messages: [{ role: 'user', content: 'Hi' }],
    };
    expect(new CacheAligner().align(conv)).toMatchObject({ messages: conv, warnings: [], modified: false });
  });
});
