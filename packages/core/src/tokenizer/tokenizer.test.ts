import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bpeCounter } from './engines.js';
import { encodingForModel, modelLimit } from './models.js';
import { estimateTokens, getTokenizer } from './tokenizer.js';

const tauBench = readFileSync(new URL('../__fixtures__/tau-bench-airline.json', import.meta.url), 'utf8');

const corpus = [
  'plain English prose, with punctuation; and numbers 1234567890.',
  'emoji 🎉🔥👩‍👩‍👧‍👦 and flags 🇫🇷🇯🇵',
  '中文分词测试：今天天气很好。日本語のテキストも。한국어 텍스트',
  'special literals <|endoftext|> <|im_start|>user<|im_end|> <|endofprompt|> <|fim_prefix|>',
  `long whitespace runs${' '.repeat(300)}end\n\n\n\t\t\t${'\n'.repeat(50)}`,
  'code: const x = await fetch(base + "/v1/messages", { method: "POST" }); // 💡',
  tauBench.slice(0, 20_000),
];

describe('getTokenizer', () => {
  it.each(['gpt-4o', 'gpt-4'])(
    '%s: gpt-tokenizer counts exactly like tiktoken on the mixed corpus',
    (model) => {
      const fast = getTokenizer(model, { engine: 'gpt-tokenizer' });
      const reference = getTokenizer(model, { engine: 'tiktoken' });
      for (const text of corpus) expect(fast.count(text)).toBe(reference.count(text));
    },
  );

  it('counts arbitrary unicode identically in both engines (property)', () => {
    const fast = getTokenizer('gpt-4o');
    const reference = getTokenizer('gpt-4o', { engine: 'tiktoken' });
    const specials = fc.constantFrom('<|endoftext|>', '<|im_start|>', '<|fim_middle|>', '<|endofprompt|>');
    const text = fc
      .array(fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), specials), {
        maxLength: 8,
      })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (s) => {
        expect(fast.count(s)).toBe(reference.count(s));
      }),
      { numRuns: 300 },
    );
  }, 30_000);

  it('treats special-token literals as text instead of throwing', () => {
    const t = getTokenizer('gpt-4o');
    expect(t.count('<|endoftext|>')).toBeGreaterThan(1);
  });

  it('memoizes long strings without changing counts', () => {
    const t = getTokenizer('gpt-4o');
    const long = tauBench.slice(0, 5000);
    const first = t.count(long);
    expect(t.count(`${long}`)).toBe(first);
    expect(t.count('')).toBe(0);
  });

  it('maps models to encodings and marks non-OpenAI models as approximate', () => {
    expect(encodingForModel('gpt-4o-mini')).toEqual({ encoding: 'o200k_base', exact: true });
    expect(encodingForModel('gpt-4.1-nano')).toEqual({ encoding: 'o200k_base', exact: true });
    expect(encodingForModel('o3-mini')).toEqual({ encoding: 'o200k_base', exact: true });
    expect(encodingForModel('gpt-5')).toEqual({ encoding: 'o200k_base', exact: true });
    expect(encodingForModel('gpt-4-turbo')).toEqual({ encoding: 'cl100k_base', exact: true });
    expect(encodingForModel('gpt-3.5-turbo')).toEqual({ encoding: 'cl100k_base', exact: true });
    expect(encodingForModel('openai/gpt-4o')).toEqual({ encoding: 'o200k_base', exact: true });
    expect(encodingForModel('claude-sonnet-4-5')).toEqual({ encoding: 'o200k_base', exact: false });
    expect(encodingForModel(undefined)).toEqual({ encoding: 'o200k_base', exact: false });
    const claude = getTokenizer('claude-opus-4-1', { calibration: 1.12 });
    expect(claude).toMatchObject({ exact: false, calibration: 1.12, encoding: 'o200k_base' });
    expect(claude.count('hello world')).toBe(getTokenizer('gpt-4o').count('hello world'));
  });

  it('knows context windows by longest prefix', () => {
    expect(modelLimit('gpt-4o-2024-08-06')).toBe(128_000);
    expect(modelLimit('gpt-4-32k-0613')).toBe(32_768);
    expect(modelLimit('gpt-4-0613')).toBe(8_192);
    expect(modelLimit('claude-sonnet-4-5-20250929')).toBe(200_000);
    expect(modelLimit('anthropic/claude-3-5-haiku')).toBe(200_000);
    expect(modelLimit('o1-mini')).toBe(128_000);
    expect(modelLimit('mystery-model')).toBeUndefined();
  });

  it('estimates sizes only roughly, and denser for JSON', () => {
    const json = '{"a":1,"b":[1,2,3],"c":{"d":"e"}}'.repeat(10);
    expect(estimateTokens(json)).toBeGreaterThan(json.length / 4);
    expect(estimateTokens('plain words here')).toBe(4);
  });

  it('samples the symbol density of long texts: JSON stays dense, prose does not', () => {
    const rows = JSON.stringify(
      Array.from({ length: 2000 }, (_, i) => ({ id: i, name: `item-${i}`, ok: true })),
    );
    const prose = 'The deployment finished and every region reported healthy. '.repeat(2000);
    expect(rows.length).toBeGreaterThan(64 * 1024);
    expect(estimateTokens(rows)).toBe(Math.ceil(rows.length / 3));
    expect(estimateTokens(prose)).toBe(Math.ceil(prose.length / 4));
  });
});

describe('long runs of one character class', () => {
  const t = getTokenizer('gpt-4o', { cacheEntries: 0 });
  const exact = bpeCounter('gpt-tokenizer', 'o200k_base');

  it('are counted in chunks that match the exact count on repetitive runs', () => {
    for (const run of ['x'.repeat(3000), '='.repeat(3000), `${'ab'.repeat(1500)} tail`]) {
      expect(t.count(run)).toBe(exact(run));
    }
  });

  it('stay within one token per chunk on irregular runs, and exact around them', () => {
    const letters = Array.from({ length: 4000 }, (_, i) => String.fromCharCode(97 + ((i * 7919) % 26))).join(
      '',
    );
    const text = `before the run ${letters} after the run`;
    const chunks = Math.ceil(letters.length / 256);
    expect(Math.abs(t.count(text) - exact(text))).toBeLessThanOrEqual(chunks);
  });

  it('count a 2 MB single-word line (quadratic BPE would take minutes)', () => {
    expect(t.count('x'.repeat(2_000_000))).toBe(250_000);
  });
});

describe('long runs of astral letters', () => {
  it('are cut between code points, so both engines agree', () => {
    const run = '𝐀𝐁𝐂'.repeat(200);
    const fast = getTokenizer('gpt-4o', { cacheEntries: 0 });
    const reference = getTokenizer('gpt-4o', { engine: 'tiktoken', cacheEntries: 0 });
    expect(fast.count(run)).toBe(reference.count(run));
  });
});
