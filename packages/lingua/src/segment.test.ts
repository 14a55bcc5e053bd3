import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { segment } from './segment.js';

const join = (s: ReturnType<typeof segment>) => s.prefix + s.words.map((w, i) => w + s.seps[i]).join('');
const protectedWords = (text: string) => {
  const s = segment(text, true);
  return s.words.filter((_, i) => s.protect[i]);
};

describe('segment', () => {
  it('splits into words and keeps every byte of whitespace', () => {
    const text = '  Hello   world,\n\n\tnext line  \n';
    const s = segment(text, true);
    expect(s.words).toEqual(['Hello', 'world,', 'next', 'line']);
    expect(s.prefix).toBe('  ');
    expect(s.seps).toEqual(['   ', '\n\n\t', ' ', '  \n']);
    expect(join(s)).toBe(text);
  });

  it('reassembles any text byte for byte', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'B', ' ', '\n', '\t', '`', '<', '>', '/', '1', '.', 'x-y') }),
        (t) => {
          expect(join(segment(t, true))).toBe(t);
        },
      ),
    );
  });

  it('protects numbers with their units, URLs, e-mails, UUIDs, identifiers and paths', () => {
    const text =
      'took 3.14 ms and 250 MB at https://example.com/a?b=1 mail ops@example.com id ' +
      '123e4567-e89b-12d3-a456-426614174000 call parseConfig or load_queue in src/main.ts now';
    expect(protectedWords(text)).toEqual([
      '3.14',
      'ms',
      '250',
      'MB',
      'https://example.com/a?b=1',
      'ops@example.com',
      '123e4567-e89b-12d3-a456-426614174000',
      'parseConfig',
      'load_queue',
      'src/main.ts',
    ]);
  });

  it('keeps CCR markers, inline code and custom-tag blocks as single protected words', () => {
    const marker = '<<ccr:0123456789abcdef01234567 5 of 10 tokens omitted; llmlingua rate=0.3>>';
    const block = '<system-reminder>keep  this\nall of it</system-reminder>';
    const text = `before ${marker} then \`npm run build\`, and ${block}. after`;
    const s = segment(text, true);
    expect(protectedWords(text)).toEqual([marker, '`npm run build`,', `${block}.`]);
    expect(join(s)).toBe(text);
    // Without protectCustomTags the block is ordinary words.
    expect(segment(text, false).words).toContain('this');
  });

  it('leaves HTML elements and unclosed angle brackets as ordinary words', () => {
    const text = 'a <div>plain html</div> and List<T> and <b>bold</b> text';
    expect(protectedWords(text)).toEqual([]);
  });

  it('marks sentence ends and line breaks as chunk boundaries', () => {
    const s = segment('One two. Three four\nfive six', true);
    expect(Array.from(s.breakAfter)).toEqual([0, 1, 0, 1, 0, 0]);
  });
});
