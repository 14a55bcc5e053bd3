import { contentHash, MemoryCcrStore, parseMarkers } from '@headroom/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appLog, gitDiff, grepOutput, markdown } from '../__fixtures__/text-generators.js';
import { DiffCompressor } from './diff-compressor.js';
import { LogCompressor } from './log-compressor.js';
import { SearchCompressor } from './search-compressor.js';
import { TextCompressor } from './text-compressor.js';

const store = () => new MemoryCcrStore();
const outLines = (s: string) => s.split('\n');

/** Invariant 15: every output line is an input line or one of our notes / the marker. */
function expectKeptLinesFromInput(input: string, output: string) {
  const inputLines = new Set(input.split(/\r?\n/));
  for (const line of output.split(/\r?\n/)) {
    if (line.startsWith('[') && line.endsWith(']')) continue;
    if (parseMarkers(line).length === 1 && line.startsWith('<<ccr:')) continue;
    expect(inputLines.has(line), line).toBe(true);
  }
}

describe('LogCompressor', () => {
  it('leaves short logs alone', () => {
    const text = appLog(49).join('\n');
    expect(new LogCompressor({}, { store: store() }).compress(text).compressed).toBe(text);
  });

  it('keeps a FATAL line and its 30-line stack trace whole in a 2,000-line log', async () => {
    const lines = appLog(2000, { fatalAt: 1337, traceLines: 30 });
    const text = lines.join('\n');
    const s = store();
    const r = new LogCompressor({}, { store: s }).compress(text);
    const out = r.compressed;
    for (let i = 1337; i < 1367; i++) expect(out).toContain(lines[i]);
    expect(out.length).toBeLessThan(text.length / 4);
    expect(out).toMatch(/\[\d+ lines omitted: .*INFO.*repeats: /);
    expectKeptLinesFromInput(text, out);
    expect((await s.get(r.ccrHash!))?.original).toBe(text);
    expect(r.ccrHash).toBe(contentHash(text));
    expect(outLines(out).at(-1)).toMatch(/^<<ccr:[0-9a-f]{24} \d+ of 2000 lines omitted/);
  });

  it('keeps first and last occurrences of every distinct error template, and counts repeats', () => {
    const lines = appLog(2000);
    const errors = [
      'ERROR db timeout after 30000ms on shard 4',
      'ERROR payment declined for order 991',
      'FAILED test_checkout_flow',
    ];
    const at = [100, 400, 700, 1000, 1300, 1600, 1900];
    at.forEach((i, k) => {
      lines[i] = errors[k % 3]!.replace('4', String(k)).replace('991', String(900 + k));
    });
    const r = new LogCompressor({}, { store: store() }).compress(lines.join('\n'));
    for (const i of [100, 1000, 400, 1300, 700, 1600, 1900]) {
      if ([100, 1900, 400, 1300, 700, 1600].includes(i)) expect(r.compressed).toContain(lines[i]);
    }
  });

  it('keeps a Python traceback with its final exception line, and test summaries', () => {
    const lines = appLog(500);
    lines.splice(
      250,
      0,
      'Traceback (most recent call last):',
      '  File "app.py", line 3, in <module>',
      '    main()',
      '  File "app.py", line 2, in main',
      "    raise ValueError('bad config')",
      'ValueError: bad config',
    );
    lines.push('===== 3 failed, 120 passed in 4.21s =====');
    const r = new LogCompressor({}, { store: store() }).compress(lines.join('\n'));
    expect(r.compressed).toContain('ValueError: bad config\n');
    expect(r.compressed).toContain("    raise ValueError('bad config')");
    expect(r.compressed).toContain('===== 3 failed, 120 passed in 4.21s =====');
  });

  it('handles CRLF, ANSI colours and a huge single line without throwing', () => {
    const lines = appLog(300).map((l, i) =>
      i === 150 ? `\x1b[31m${l.replace('INFO ', 'ERROR')}\x1b[0m` : l,
    );
    lines[10] = 'x'.repeat(200_000);
    const text = lines.join('\r\n');
    const r = new LogCompressor({}, { store: store() }).compress(text);
    expect(r.compressed).toContain(lines[150]);
    expect(r.compressed.includes('\r\n')).toBe(true);
    expectKeptLinesFromInput(text, r.compressed);
  });
});

describe('SearchCompressor', () => {
  it('keeps every query match and names every one of 300 files', () => {
    const lines = grepOutput(300, 4);
    const text = lines.join('\n');
    const r = new SearchCompressor({}, { store: store() }).compress(text, {
      query: 'where is parseConfigStrict used',
    });
    expect(r.compressed).toContain(lines.find((l) => l.includes('parseConfigStrict')));
    for (let f = 0; f < 300; f++)
      expect(r.compressed).toContain(`src/modules/mod${String(f).padStart(3, '0')}/config.ts`);
    expect(r.compressed.length).toBeLessThan(text.length / 2);
    expectKeptLinesFromInput(text, r.compressed);
    expect(outLines(r.compressed).at(-1)).toMatch(/^<<ccr:[0-9a-f]{24} \d+ of 1200 matches omitted/);
  });

  it('keeps first and last match per kept file, at most 5 per file, with honest counts', () => {
    const lines = grepOutput(3, 40);
    const r = new SearchCompressor({}, { store: store() }).compress(lines.join('\n'));
    for (let f = 0; f < 3; f++) {
      const file = lines.filter((l) => l.startsWith(`src/modules/mod00${f}/`));
      expect(r.compressed).toContain(file[0]);
      expect(r.compressed).toContain(file.at(-1));
      const kept = outLines(r.compressed).filter((l) => l.startsWith(`src/modules/mod00${f}/`)).length;
      expect(kept).toBeLessThanOrEqual(5);
      expect(r.compressed).toContain(`[... ${40 - kept} more matches in src/modules/mod00${f}/config.ts]`);
    }
  });

  it('reads ripgrep --json match records', () => {
    const lines = Array.from({ length: 40 }, (_, i) =>
      JSON.stringify({
        type: 'match',
        data: { path: { text: `src/f${i % 4}.ts` }, lines: { text: `hit ${i}` }, line_number: i },
      }),
    );
    const r = new SearchCompressor({}, { store: store() }).compress(lines.join('\n'));
    expect(r.wasModified).toBe(true);
    expectKeptLinesFromInput(lines.join('\n'), r.compressed);
  });

  it('leaves fewer than 10 matches alone', () => {
    const text = grepOutput(3, 3).join('\n');
    expect(new SearchCompressor({}, { store: store() }).compress(text).compressed).toBe(text);
  });
});

describe('DiffCompressor', () => {
  it('keeps every file header and every changed line of source files, and summarizes the lockfile', async () => {
    const lines = gitDiff(4, 6);
    const text = lines.join('\n');
    const s = store();
    const r = new DiffCompressor({}, { store: s }).compress(text);
    for (const l of lines.slice(0, lines.indexOf('diff --git a/pnpm-lock.yaml b/pnpm-lock.yaml'))) {
      if (/^(?:[+-]|diff |index |@@)/.test(l)) expect(r.compressed).toContain(l);
    }
    expect(r.compressed).not.toContain('/pkg7@1.0.7:');
    expect(r.compressed).toContain('[... 1 hunks, +150 -150 lines omitted]');
    expect(r.compressed).toContain('[5 files changed, +174 -174 lines;');
    expect((await s.get(r.ccrHash!))?.original).toBe(text);
    expectKeptLinesFromInput(text, r.compressed);
  });
});

describe('TextCompressor', () => {
  it('keeps headings, an anchor line from the middle, code and tables whole', () => {
    const lines = markdown(500);
    const text = lines.join('\n');
    const r = new TextCompressor({}, { store: store() }).compress(text, {
      query: 'what happened at incident 4411',
    });
    expect(r.compressed).toContain(
      'The rollout on 2025-04-02 raised p99 latency to 870 ms on https://status.example.com/incidents/4411.',
    );
    for (const heading of lines.filter((l) => l.startsWith('#'))) expect(r.compressed).toContain(heading);
    const code = lines.indexOf('```ts');
    const inCode = lines.slice(code, code + 6).filter((l) => r.compressed.includes(l)).length;
    expect([0, 6]).toContain(inCode);
    expect(r.compressed.length).toBeLessThan(text.length / 2);
    expectKeptLinesFromInput(text, r.compressed);
  });
});

describe('text utilities (property)', () => {
  const compressors = [
    new LogCompressor({ minLines: 5 }, { store: store() }),
    new SearchCompressor({ minMatchesToCompress: 3 }, { store: store() }),
    new DiffCompressor({ minLines: 5 }, { store: store() }),
    new TextCompressor({ minLines: 5 }, { store: store() }),
  ];
  const lineArb = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.constantFrom(
      'ERROR boom',
      'WARN slow',
      '# Heading',
      '@@ -1,2 +1,2 @@',
      '+added',
      '-removed',
      'src/a.ts:12:match',
      '```',
    ),
  );
  it('never throw, keep input lines byte-identical, and are deterministic', () => {
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 0, maxLength: 120 }),
        fc.string({ maxLength: 20 }),
        (lines, query) => {
          const text = lines.join('\n');
          for (const c of compressors) {
            const a = c.compress(text, { query });
            expect(a.compressed).toBe(c.compress(text, { query }).compressed);
            if (!a.wasModified) expect(a.compressed).toBe(text);
            else expectKeptLinesFromInput(text, a.compressed);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('gap notes', () => {
  it('blank lines between kept paragraphs are kept, not replaced by notes that cost more', () => {
    const topics = ['caching', 'retries', 'timeouts', 'rate limits', 'backpressure', 'idempotency'];
    const paragraphs = Array.from(
      { length: 40 },
      (_, i) =>
        `The service handles ${topics[i % 6]} in layer ${i}. Requests that arrive while the pool is saturated wait in a bounded queue, and callers see a clear error when it is full. This keeps latency predictable for paragraph ${i}.`,
    ).join('\n\n');
    const r = new TextCompressor({}, { store: store() }).compress(paragraphs, { query: 'failed ERROR' });
    expect(r.compressed).not.toContain('[... 1 lines omitted ...]');
    expect(r.compressed.length).toBeLessThanOrEqual(paragraphs.length);
  });
});

describe('SearchCompressor bias', () => {
  it('a higher bias keeps more matches', () => {
    // Every line a different call, so near-duplicate folding does not decide the count.
    const name = (i: number) => String.fromCharCode(97 + (i % 26), 97 + ((i * 7) % 26), 97 + ((i * 11) % 23));
    const text = Array.from(
      { length: 400 },
      (_, i) =>
        `src/m${i % 4}.ts:${i + 1}:  const ${name(i)} = ${name(i * 5 + 3)}.${name(i * 3 + 1)}(${name(i + 9)});`,
    ).join('\n');
    const kept = (bias: number) =>
      new SearchCompressor({ maxTotalMatches: 300, maxMatchesPerFile: 100 }, { store: store() }).compress(
        text,
        { bias },
      ).keptLines;
    expect(kept(1.5)).toBeGreaterThan(kept(0.7));
  });
});

describe('SearchCompressor on interleaved output', () => {
  it('writes one note per file, not one per dropped line', () => {
    const text = Array.from(
      { length: 300 },
      (_, i) => `src/f${i % 5}.ts:${i + 1}:  value${i % 7} = compute(${i});`,
    ).join('\n');
    const r = new SearchCompressor({}, { store: store() }).compress(text);
    const notes = outLines(r.compressed).filter(
      (l) => l.startsWith('[... ') && l.includes('more matches in'),
    );
    expect(notes.length).toBeLessThanOrEqual(5);
  });
});
