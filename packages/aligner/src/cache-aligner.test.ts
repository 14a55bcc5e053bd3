import {
  type AnthropicMessage,
  type ChatMessage,
  type Conversation,
  contentHash,
  getTokenizer,
  HeadroomError,
  TransformPipeline,
} from '@headroom/core';
import { describe, expect, it } from 'vitest';
import { CacheAligner } from './cache-aligner.js';
import { FILLER } from './test-utils/prompts.js';

const UUID = '3f2a1b4c-1d2e-4f3a-8b9c-0d1e2f3a4b5c';
const UUID2 = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';
const TAIL = '\n\n---\n[Dynamic Context]\n';

const chat = (system: string, user = 'What changed?'): ChatMessage[] => [
  { role: 'system', content: system },
  { role: 'user', content: user },
];
const systemOf = (messages: readonly ChatMessage[]) => messages[0]!.content as string;
const lastOf = (messages: readonly ChatMessage[]) => messages[messages.length - 1]!.content as string;

describe('the seed example', () => {
  const seed = chat('You are helpful. Today is January 7, 2025.');

  it('moves the date to the end and keeps the rest as the stable prefix', () => {
    const aligner = new CacheAligner({ stablePrefixMinTokens: 0 });
    const result = aligner.align(seed);
    expect(systemOf(result.messages)).toBe('You are helpful.');
    expect(lastOf(result.messages)).toBe(`What changed?${TAIL}Today is January 7, 2025.`);
    expect(result.stablePrefixHash).toBe(contentHash('You are helpful.'));
    expect(result.spans).toEqual([
      {
        entry: 0,
        slot: 0,
        start: 17,
        end: 42,
        text: 'Today is January 7, 2025.',
        category: 'date',
        form: 'statement',
      },
    ]);
    expect(result).toMatchObject({ mode: 'rewrite', modified: true, warnings: [], stablePrefixTokens: 4 });
    const nextDay = new CacheAligner({ stablePrefixMinTokens: 0 }).align(
      chat('You are helpful. Today is January 8, 2025.'),
    );
    expect(nextDay.stablePrefixHash).toBe(result.stablePrefixHash);
  });

  it('only detects with the default 100-token minimum', () => {
    const result = new CacheAligner().align(seed);
    expect(result.messages).toBe(seed);
    expect(result).toMatchObject({
      mode: 'detect',
      modified: false,
      warnings: ['cache_aligner:prefix_too_small'],
    });
    expect(result.spans).toHaveLength(1);
  });
});

describe('alignment of real-sized prompts', () => {
  it('gives prompts that differ only in the date one hash', () => {
    const a = new CacheAligner().align(chat(`${FILLER}\nCurrent date: 2024-01-15\n${FILLER}`));
    const b = new CacheAligner().align(chat(`${FILLER}\nCurrent date: 2024-01-16\n${FILLER}`));
    expect(a.stablePrefixTokens).toBeGreaterThan(100);
    expect(a.stablePrefixHash).toBe(b.stablePrefixHash);
    expect(systemOf(a.messages)).toBe(`${FILLER}\n${FILLER}`);
    expect(lastOf(a.messages)).toContain('[Dynamic Context]\nCurrent date: 2024-01-15');
  });

  it('replaces an inline UUID by a placeholder and lists its value in the tail', () => {
    const result = new CacheAligner().align(chat(`${FILLER}\nSession ${UUID} is active; answer tersely.`));
    expect(systemOf(result.messages)).toBe(`${FILLER}\nSession [dynamic-1] is active; answer tersely.`);
    expect(lastOf(result.messages)).toBe(`What changed?${TAIL}[dynamic-1] ${UUID}`);
    const other = new CacheAligner().align(chat(`${FILLER}\nSession ${UUID2} is active; answer tersely.`));
    expect(other.stablePrefixHash).toBe(result.stablePrefixHash);
  });

  it('moves labelled timestamps and leaves "updated" prose alone', () => {
    const system = `${FILLER}\nGenerated at: 2025-01-07T10:32:05Z\nLast updated: 2025-01-07\nWe updated the docs.`;
    const result = new CacheAligner().align(chat(system));
    expect(systemOf(result.messages)).toBe(`${FILLER}\nWe updated the docs.`);
    expect(lastOf(result.messages)).toBe(
      `What changed?${TAIL}Generated at: 2025-01-07T10:32:05Z\nLast updated: 2025-01-07`,
    );
  });

  it('moves a current-time statement and leaves a standup time alone', () => {
    const result = new CacheAligner().align(
      chat(`${FILLER}\nCurrent time: 10:30 UTC\nStandup at 10:30 daily.`),
    );
    expect(systemOf(result.messages)).toBe(`${FILLER}\nStandup at 10:30 daily.`);
    expect(lastOf(result.messages)).toBe(`What changed?${TAIL}Current time: 10:30 UTC`);
  });

  it.each([
    'Always validate input carefully.',
    'Use the search_documents tool',
    'the query-builder helper',
    'only show orders after 2024-01-01',
    'Standup at 10:30 daily.',
  ])('returns "%s" untouched, alone and in a 300-token prompt', (sentence) => {
    for (const system of [sentence, `${FILLER}\n\n${sentence}\n\n${FILLER}`]) {
      const messages = chat(system);
      const result = new CacheAligner({ stablePrefixMinTokens: 0 }).align(messages);
      expect(result.messages).toBe(messages);
      expect(result).toMatchObject({ spans: [], modified: false, mode: 'rewrite', warnings: [] });
    }
  });

  it('never touches dates in code fences, inline code or URLs', () => {
    const system = [
      FILLER,
      '```',
      'Current date: 2025-01-07',
      '```',
      'Use `Today is January 7, 2025.` as the example.',
      'See https://x.test/2025/01/07/post',
    ].join('\n');
    const messages = chat(system);
    const result = new CacheAligner().align(messages);
    expect(result.messages).toBe(messages);
    expect(result.spans).toEqual([]);
  });
});

describe('idempotence', () => {
  it('changes nothing on a second pass', () => {
    const aligner = new CacheAligner();
    const first = aligner.align(chat(`${FILLER}\nToday is January 7, 2025.\nSession ${UUID} is active.`));
    const second = aligner.align(first.messages);
    expect(second.messages).toBe(first.messages);
    expect(second.modified).toBe(false);
    expect(second.stablePrefixHash).toBe(first.stablePrefixHash);
  });

  it('appends a new statement to a tail already in the system prompt, continuing the numbers', () => {
    const aligner = new CacheAligner({ placement: 'system-tail' });
    const first = aligner.align(chat(`${FILLER}\nSession ${UUID} is active.\nToday is January 7, 2025.`));
    expect(systemOf(first.messages)).toBe(
      `${FILLER}\nSession [dynamic-1] is active.${TAIL}[dynamic-1] ${UUID}\nToday is January 7, 2025.`,
    );
    expect(aligner.align(first.messages).messages).toBe(first.messages);

    const [stable, tail] = systemOf(first.messages).split(TAIL) as [string, string];
    const edited = `${stable}\nTrace ${UUID2} is open.\nCurrent time: 10:30 UTC${TAIL}${tail}`;
    const next = aligner.align(chat(edited));
    expect(systemOf(next.messages)).toBe(
      `${FILLER}\nSession [dynamic-1] is active.\nTrace [dynamic-2] is open.${TAIL}[dynamic-1] ${UUID}\nToday is January 7, 2025.\n[dynamic-2] ${UUID2}\nCurrent time: 10:30 UTC`,
    );
    expect(next.stablePrefixHash).toBe(
      contentHash(`${FILLER}\nSession [dynamic-1] is active.\nTrace [dynamic-2] is open.`),
    );
  });
});

describe('whitespace', () => {
  it('normalizes the system prompt and leaves user messages alone', () => {
    const user: ChatMessage = { role: 'user', content: 'trailing   \r\n\r\n\r\n\r\nspaces  ' };
    const messages: ChatMessage[] = [
      { role: 'system', content: `  ${FILLER}  \r\n\n\n\n\nBe brief.\t\r\n` },
      user,
    ];
    const result = new CacheAligner().align(messages);
    expect(systemOf(result.messages)).toBe(`${FILLER}\n\nBe brief.`);
    expect(result.messages[1]).toBe(user);
    expect(result.alignmentScore).toBe(91);
    expect(result.spans).toEqual([]);
  });

  it('keeps whitespace when normalization is off', () => {
    const messages = chat(`${FILLER}  \r\n\n\n\nBe brief.`);
    expect(new CacheAligner({ normalizeWhitespace: false }).align(messages).messages).toBe(messages);
  });
});

describe('degrading to detect', () => {
  it('only detects a prompt below stablePrefixMinTokens', () => {
    const messages = chat(
      'You answer billing questions for Acme in two sentences or fewer.\nCurrent date: 2025-01-07',
    );
    const result = new CacheAligner().align(messages);
    expect(result.stablePrefixTokens).toBeLessThan(100);
    expect(result).toMatchObject({
      mode: 'detect',
      modified: false,
      warnings: ['cache_aligner:prefix_too_small'],
    });
    expect(result.messages).toBe(messages);
  });

  it('only detects more than maxSpans values (a data dump, not a template)', () => {
    const dump = Array.from(
      { length: 33 },
      (_, i) => `Session ${UUID.slice(0, -2)}${String(i).padStart(2, '0')} open.`,
    );
    const messages = chat(`${FILLER}\n${dump.join('\n')}`);
    const result = new CacheAligner().align(messages);
    expect(result.messages).toBe(messages);
    expect(result.spans).toHaveLength(33);
    expect(result.warnings).toEqual(['cache_aligner:too_many_spans']);
  });

  it('reports in detect mode exactly what rewrite mode does', () => {
    const messages = chat(`${FILLER}\nToday is January 7, 2025.\nSession ${UUID} is active.`);
    const rewrite = new CacheAligner().align(messages);
    const detect = new CacheAligner({ mode: 'detect' }).align(messages);
    expect(detect.messages).toBe(messages);
    expect(detect).toMatchObject({ mode: 'detect', modified: false, warnings: [] });
    expect(detect.spans).toEqual(rewrite.spans);
    expect(detect.stablePrefixHash).toBe(rewrite.stablePrefixHash);
    expect(detect.stablePrefixTokens).toBe(rewrite.stablePrefixTokens);
    expect(new CacheAligner({ enabled: false }).align(messages)).toMatchObject({
      mode: 'detect',
      modified: false,
    });
  });
});

describe('system prompt shapes', () => {
  it('respects client cache_control in Anthropic system blocks', () => {
    const system = [
      { type: 'text' as const, text: FILLER, cache_control: { type: 'ephemeral' } },
      { type: 'text' as const, text: 'Today is January 7, 2025.' },
    ];
    const conv: Conversation = { format: 'anthropic', system, messages: [{ role: 'user', content: 'Hi' }] };
    const result = new CacheAligner().align(conv);
    expect(result.messages).toBe(conv);
    expect(result.warnings).toEqual(['cache_aligner:cache_control']);
    expect(result.spans).toHaveLength(1);
    expect(new CacheAligner({ respectCacheControl: false }).align(conv).warnings).toEqual([
      'cache_aligner:empty_slot',
    ]);
  });

  it('rewrites Anthropic system blocks in place, keeping their other fields', () => {
    const first = { type: 'text' as const, text: FILLER, citations: null };
    const second = { type: 'text' as const, text: 'Be brief. Today is January 7, 2025.', tag: 'x' };
    const user: AnthropicMessage = { role: 'user', content: [{ type: 'text', text: 'Hi' }] };
    const conv: Conversation = { format: 'anthropic', system: [first, second], messages: [user] };
    const result = new CacheAligner({ placement: 'system-tail' }).align(conv);
    const system = result.messages.system as (typeof first)[];
    expect(system[0]).toBe(first);
    expect(system[1]).toEqual({ type: 'text', text: `Be brief.${TAIL}Today is January 7, 2025.`, tag: 'x' });
    expect(result.messages.messages[0]).toBe(user);
    expect(result.stablePrefixHash).toBe(contentHash(`${FILLER}\n---\nBe brief.`));
  });

  it('aligns Responses instructions', () => {
    const conv: Conversation = {
      format: 'openai-responses',
      system: `${FILLER}\nCurrent date: 2025-01-07`,
      messages: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hi' }] }],
    };
    const result = new CacheAligner().align(conv);
    expect(result.messages.system).toBe(FILLER);
    expect(result.messages.messages).toHaveLength(2);
    expect(result.messages.messages[0]).toBe(conv.messages[0]);
    expect(result.messages.messages[1]).toEqual({
      type: 'message',
      role: 'user',
      content: [{ type: 'input_text', text: '[Dynamic Context]\nCurrent date: 2025-01-07' }],
    });
  });

  it('aligns a Chat developer message but never a system message after the conversation started', () => {
    const late: ChatMessage = { role: 'system', content: 'Current date: 2025-01-07' };
    const messages: ChatMessage[] = [
      { role: 'developer', content: `${FILLER}\nToday is January 7, 2025.` },
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello' },
      late,
      { role: 'user', content: 'Bye' },
    ];
    const result = new CacheAligner().align(messages);
    expect(result.messages[0]).toEqual({ role: 'developer', content: FILLER });
    expect(result.messages[3]).toBe(late);
    expect(result.spans.map((s) => s.entry)).toEqual([0]);
  });
});

describe('prefix tracking', () => {
  it('compares each call with the previous one', () => {
    const aligner = new CacheAligner();
    const first = aligner.align(chat(`${FILLER}\nToday is January 7, 2025.`));
    const second = aligner.align(chat(`${FILLER}\nToday is January 8, 2025.`));
    const third = aligner.align(chat(`${FILLER}\nBe terse.\nToday is January 8, 2025.`));
    expect(first).toMatchObject({ prefixChanged: false });
    expect(first.previousHash).toBeUndefined();
    expect(second).toMatchObject({ prefixChanged: false, previousHash: first.stablePrefixHash });
    expect(third).toMatchObject({ prefixChanged: true, previousHash: first.stablePrefixHash });
    expect(aligner.previousHash).toBe(third.stablePrefixHash);
  });

  it('answers a new prompt with a known stable text as a fresh aligner does, and never mixes up equal lengths', () => {
    const aligner = new CacheAligner();
    // Same stable text, then another stable text of the same length (one letter differs), then back.
    const prompts = [
      `${FILLER}\nBe terse.\nToday is January 7, 2025.`,
      `${FILLER}\nBe terse.\nToday is January 8, 2025.`,
      `${FILLER}\nBe tense.\nToday is January 9, 2025.`,
      `${FILLER}\nBe terse.\nToday is January 9, 2025.`,
    ];
    const stable = (p: string) => p.slice(0, p.indexOf('\nToday'));
    for (const p of prompts) {
      const { prefixChanged, previousHash, ...result } = aligner.align(chat(p));
      const { prefixChanged: _, previousHash: __, ...fresh } = new CacheAligner().align(chat(p));
      expect(result).toEqual(fresh);
      expect(result.stablePrefixHash).toBe(contentHash(stable(p)));
    }
  });
});

describe('configuration', () => {
  it('moves extra labels and custom patterns', () => {
    const aligner = new CacheAligner({
      extraLabels: ['tenant'],
      customPatterns: [{ name: 'ticket', pattern: 'TCK-\\d{4}' }],
    });
    const result = aligner.align(chat(`${FILLER}\nTenant: acme-42\nOpen ticket TCK-1234 first.`));
    expect(systemOf(result.messages)).toBe(`${FILLER}\nOpen ticket [dynamic-1] first.`);
    expect(lastOf(result.messages)).toBe(`What changed?${TAIL}Tenant: acme-42\n[dynamic-1] TCK-1234`);
  });

  it('uses the configured tail header and separator', () => {
    const aligner = new CacheAligner({ tailHeader: '<dynamic>', tailSeparator: '\n\n' });
    const result = aligner.align(chat(`${FILLER}\nToday is January 7, 2025.`));
    expect(lastOf(result.messages)).toBe('What changed?\n\n<dynamic>\nToday is January 7, 2025.');
  });

  it('rejects an invalid config at construction', () => {
    expect(() => new CacheAligner({ placement: 'middle' as 'end' })).toThrow(HeadroomError);
    expect(() => new CacheAligner({ customPatterns: [{ name: 'bad', pattern: '(' }] })).toThrow(
      /customPatterns/,
    );
  });
});

describe('as a pipeline transform', () => {
  it('reports what it moved and the stable prefix hash', async () => {
    const messages = chat(`${FILLER}\nToday is January 7, 2025.\nSession ${UUID} is active.`);
    const aligner = new CacheAligner();
    const result = await new TransformPipeline([aligner]).transform(messages, { model: 'gpt-4o' });
    expect(result.transformsApplied).toEqual(['cache_align:2']);
    expect(result.markersInserted).toEqual([`stable_prefix_hash:${aligner.previousHash}`]);
    expect(result.messages).toEqual(new CacheAligner().align(messages).messages);
    expect(result.warnings).toEqual([]);
  });

  it('says so when it only normalized whitespace', () => {
    const result = new CacheAligner().apply(chat(`${FILLER}  \n\n\n\nBe brief.`), {
      tokenizer: getTokenizer(),
    });
    expect(result.transformsApplied).toEqual(['cache_align:normalized']);
  });

  it('never appends to a frozen final message', () => {
    const messages = chat(`${FILLER}\nToday is January 7, 2025.`);
    const result = new CacheAligner().apply(messages, { frozenMessageCount: 2 });
    expect(result.messages[1]).toBe(messages[1]);
    expect(result.messages[2]).toEqual({
      role: 'user',
      content: '[Dynamic Context]\nToday is January 7, 2025.',
    });
  });
});
