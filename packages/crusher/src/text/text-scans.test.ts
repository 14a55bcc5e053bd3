import { contentHash, docCount, docText, errorStemLines, MemoryCcrStore } from '@headroom/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DiffCompressor } from './diff-compressor.js';
import { parseGrep } from './grep-lines.js';
import { lineStarts, splitLines } from './lines.js';
import { LogCompressor } from './log-compressor.js';
import { classifyLines, isSummary, levelOf, ORDER } from './log-lines.js';
import { templateKey, templateKeyAt, templateKeyExact } from './log-scan.js';
import { blocksOf, informationScores, lowerLineDocs } from './prose-lines.js';

// The whole-text scans must agree with the per-line definitions they replace, on tricky lines.
const tricky = [
  'ERROR boom',
  'fatal: not a git repository',
  'FATAL Panicked EMERGENCY alert severe CRIT critical err',
  'debug Info WARN failing FAILURE',
  'error[E0308]: mismatched types',
  'src/a.ts(3,4): error TS2304: x',
  'Failed to start',
  'FAILED test_x',
  'trace id',
  'TRACE x',
  'warning: unused',
  '✗ broken',
  'ERRORS 3',
  'x_ERROR y',
  '\x1b[31mERR\x1b[0mOR red',
  '===== 3 failed, 2 passed =====',
  'Tests: 3 passed',
  'ok  pkg/x 0.1s',
  'Build finished: succeeded',
  '  at foo (x.js:1:2)',
  '  Tests: 3 passed',
  '\t===== done',
  '\u00a0ok  pkg/x 0.1s',
  ' \u2028 --- x',
  '\x01Time: 3s',
  '\t\tat x',
  `${'x'.repeat(1996)} ERROR`,
  `${'x'.repeat(1998)} ERROR`,
  'id deadbeef-12ab done "quoted 12" it\'s',
  'a\u2028b',
  '',
  '   ',
];
const lineArb = fc.oneof(
  fc.constantFrom(...tricky),
  fc.string({ maxLength: 40 }),
  fc
    .array(
      fc.constantFrom(
        'ERROR',
        'warn',
        'FAIL',
        '✖',
        ' ',
        '\t',
        '"',
        "'",
        '12',
        'ab-',
        '\x1b[1m',
        'passed',
        ':',
        '===',
        'ok',
        'Time',
        // Words on the level list, the summary list or both, told apart by letters and length.
        'TESTS',
        'tests',
        'TRACE',
        'SUITES',
        'severe',
        'ERRORS',
        'emerg',
        'warnings',
        'WARNING',
        'Failed',
        'FAILED',
        'pending',
        'Build',
        'todo',
        'PANICKED',
        ' 3 ',
      ),
    )
    .map((parts) => parts.join('')),
);
const textArb = fc
  .tuple(fc.array(lineArb, { maxLength: 40 }), fc.boolean())
  .map(([lines, crlf]) => lines.join(crlf ? '\r\n' : '\n'));

describe('log line scans', () => {
  it('classifyLines equals levelOf and isSummary line by line', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const split = splitLines(text);
        const { levels, summary } = classifyLines(text, split.lines, lineStarts(split));
        split.lines.forEach((line, i) => {
          expect(ORDER[levels[i]!], JSON.stringify(line)).toBe(levelOf(line));
          expect(summary[i] === 1, JSON.stringify(line)).toBe(isSummary(line));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('templateKeyAt reads a line in place exactly as templateKey reads it alone', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const split = splitLines(text);
        const starts = lineStarts(split);
        split.lines.forEach((line, i) => {
          expect(templateKeyAt(text, starts[i]!, starts[i]! + line.length)).toBe(templateKey(line));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('templateKeyAt equals templateKeyExact: the flat loop hands every line it cannot key over', () => {
    // Hex ids (runs of hex chars and dashes at word boundaries, with and without digits), dates
    // followed by a word char, quotes, ANSI codes, blanks and non-ASCII chars, in any order.
    const part = fc.constantFrom(
      'a',
      'F',
      '0',
      '9',
      '-',
      'T',
      'g',
      '_',
      ' ',
      '\t',
      '"',
      "'",
      '\x1b[31m',
      '\x1b',
      ':',
      '.',
      'é',
      '2025-03-01',
      'deadbeef',
      '123e4567-e89b-12d3-a456-426614174000',
      '12345678',
      'a1b2c3d4',
      'ff-0e-1',
    );
    const line = fc.array(part, { maxLength: 30 }).map((p) => p.join(''));
    fc.assert(
      fc.property(line, fc.string({ maxLength: 20 }), (l, prefix) => {
        const text = `${prefix}\n${l}\n`;
        const start = prefix.length + 1;
        expect(templateKeyAt(text, start, start + l.length), JSON.stringify(l)).toBe(
          templateKeyExact(text, start, start + l.length),
        );
      }),
      { numRuns: 2000 },
    );
    for (const l of tricky) expect(templateKey(l), JSON.stringify(l)).toBe(templateKeyExact(l, 0, l.length));
  });

  it('template keys ignore values and see structure', () => {
    const same = [
      ['user 12 logged in from 10.0.0.1', 'user 98765 logged in from 192.168.1.20'],
      ['req 123e4567-e89b-12d3-a456-426614174000 ok', 'req 00000000-0000-0000-0000-00000000abcd ok'],
      ['commit deadbeef12 pushed', 'commit 0123abcd99ff pushed'],
      ['said "hello there" twice', 'said "bye" twice'],
      ['a  \t b', 'a b'],
      [`${'x'.repeat(2000)} tail one`, `${'x'.repeat(2000)} other tail`],
    ];
    for (const [a, b] of same) expect(templateKey(a!), a).toBe(templateKey(b!));
    const different = [
      ['user logged in', 'user logged out'],
      ['commit deadbeef pushed', 'commit cafebabe pushed'], // no digit: words, not ids
      ['id abc12345x', 'id abd12345x'], // not at a word boundary: letters count
    ];
    for (const [a, b] of different) expect(templateKey(a!), a).not.toBe(templateKey(b!));
  });
});

/** The regex the grep parser replaces. */
const GREP_LINE = /^(?<file>[^\s:][^:]*?):(?<line>\d+)[:-](?<text>.*)$/;

describe('parseGrep', () => {
  it('finds exactly the lines the grep regex matches, with the same file and text', () => {
    const part = fc.constantFrom('src/a.ts', 'b', ' ', ':', '12', '-', 'x', '\r', '\u2028', '\t');
    const lines = fc.array(
      fc.array(part, { maxLength: 8 }).map((p) => p.join('')),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(lines, fc.boolean(), (ls, crlf) => {
        const text = ls.join(crlf ? '\r\n' : '\n');
        const split = splitLines(text);
        const got = parseGrep(text, split);
        const want = split.lines.flatMap((l, i) => {
          const m = GREP_LINE.exec(l);
          return m ? [{ i, file: m.groups!.file, text: m.groups!.text }] : [];
        });
        expect(got.line).toEqual(want.map((w) => w.i));
        expect(got.file.map((f) => got.files[f])).toEqual(want.map((w) => w.file));
        expect(got.text).toEqual(want.map((w) => w.text));
      }),
      { numRuns: 300 },
    );
  });
});

/** The per-line score the whole-text scans replace. */
function information(line: string): number {
  if (line.trim().length === 0) return -1;
  let s = 0;
  if (/\d/.test(line)) s += 1;
  if (line.includes('://') || line.includes('www.')) s += 1;
  if (line.includes('/') && /(?:^|\s)(?:\.{0,2}\/)?[\w.-]+\/[\w./-]+/.test(line)) s += 1;
  if (/[^.!?\s] [A-Z][a-z]/.test(line)) s += 0.5;
  if (line.includes('`') || line.includes('_') || /[a-z][A-Z]/.test(line)) s += 0.5;
  return s;
}

// core's ERROR_STEMS: the screen `isErrorValue` starts with.
const STEMS =
  /error|exception|fail|fatal|critical|crash|panic|abort|timeout|timed|denied|rejected|refused|traceback|segfault|unhandled|unauthorized|forbidden/i;

describe('prose line scans', () => {
  const part = fc.constantFrom(
    'The ',
    'see Alice',
    '. Bob',
    'x',
    '4',
    ' ',
    '`',
    '_',
    'camelCase',
    'https://a.io',
    'www.',
    'src/a.ts',
    '/',
    '\r',
    '\u00a0',
    '| a |',
    '```',
    'ΣΑΣ',
    'İ',
    'TimeoutError',
    'FAIL',
    'K',
  );
  const textArb = fc
    .tuple(
      fc.array(
        fc.array(part, { maxLength: 6 }).map((p) => p.join('')),
        { maxLength: 30 },
      ),
      fc.boolean(),
      fc.boolean(),
    )
    .map(([ls, crlf, trailing]) => ls.join(crlf ? '\r\n' : '\n') + (trailing ? '\n' : ''));

  it('informationScores, lowerLineDocs and errorStemLines equal their per-line definitions', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const split = splitLines(text);
        const starts = lineStarts(split);
        expect([...informationScores(text, split)]).toEqual(split.lines.map(information));
        const docs = lowerLineDocs(text, split, starts);
        expect(Array.from({ length: docCount(docs) }, (_, i) => docText(docs, i))).toEqual(
          split.lines.map((l) => l.toLowerCase()),
        );
        expect([...errorStemLines(text, starts)]).toEqual(split.lines.map((l) => (STEMS.test(l) ? 1 : 0)));
      }),
      { numRuns: 300 },
    );
  });

  it('blocksOf keeps fenced code and tables whole', () => {
    const lines = ['a', '```ts', 'x', '```', '| a |', '| b |', 'b', '  ~~~', 'y'];
    const { count, start, end } = blocksOf(lines);
    expect([...start.slice(0, count)]).toEqual([0, 1, 4, 6, 7]);
    expect([...end.slice(0, count)]).toEqual([0, 3, 5, 6, 8]);
  });
});

describe('output not smaller than the input', () => {
  it('returns the input unchanged and stores nothing', async () => {
    // Short lines: the gap notes, footer and marker outweigh what is dropped.
    const text = ['aaaaaaaa', 'bbbbbbbb', 'cccccccc', 'dddddddd', 'eeeeeeee', 'ffffffff', 'gggggggg'].join(
      '\n',
    );
    const s = new MemoryCcrStore();
    const config = { minLines: 5, keepHeadLines: 0, keepTailLines: 0, maxTotalLines: 1 };
    const r = new LogCompressor(config, { store: s }).compress(text);
    expect(r.wasModified).toBe(false);
    expect(r.compressed).toBe(text);
    expect(r.strategy).toBe('passthrough:not-smaller');
    expect(await s.get(contentHash(text))).toBeUndefined();
    // Longer lines: dropping pays, and the original is stored.
    const longer = text.replace(/(\w)\1+/g, (m) => m.repeat(3));
    const kept = new LogCompressor(config, { store: s }).compress(longer);
    expect(kept.wasModified).toBe(true);
    expect(kept.compressed.length).toBeLessThan(longer.length);
    expect((await s.get(kept.ccrHash!))?.original).toBe(longer);
  });

  it('a small diff whose notes outweigh the trimmed context comes back unchanged', () => {
    const hunk = [' a', ' b', ' c', ' d', '-x', '+y', ' e', ' f', ' g', ' h'];
    const text = [
      'diff --git a/a.ts b/a.ts',
      'index 1..2 100644',
      '--- a/a.ts',
      '+++ b/a.ts',
      '@@ -1,9 +1,9 @@',
      ...hunk,
    ].join('\n');
    const r = new DiffCompressor(
      { minLines: 5, maxContextLines: 1 },
      { store: new MemoryCcrStore() },
    ).compress(text);
    expect(r).toMatchObject({ compressed: text, wasModified: false, strategy: 'passthrough:not-smaller' });
  });
});
