import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stride } from '../fill.js';
import { lineStarts, splitLines } from './lines.js';
import { type Blocks, blocksOf, multiLineBlocks } from './prose-blocks.js';
import { fillBudget } from './prose-fill.js';
import { informationScores, lineInformation, mayBeDenseLines } from './prose-lines.js';
import { isRegexSpace, leadChar, linesHolding, markLinesHolding, searchLimit } from './prose-scan.js';

// Prose fragments that open blocks, score (digits, URLs, paths, names, identifiers) or trip the
// scans (blank-like chars, CR inside a line, non-ASCII, needles at line ends).
const part = fc.constantFrom(
  '',
  ' ',
  '\t',
  '\u00a0',
  '\u2028',
  '\r',
  '# Title',
  '   ## Sub',
  '    # too deep',
  '```ts',
  '```',
  '  ~~~',
  '| a | b |',
  '|---|',
  '| open',
  'The system handles this.',
  'see Alice',
  '. Bob',
  'x',
  '4',
  '2024-01-01 12:30',
  '`',
  '_',
  'camelCase',
  'https://a.io/x',
  'www.',
  'src/a.ts',
  '/',
  'ΣΑΣ',
  'İ',
  'K',
  '😀',
  'TimeoutError',
);
const textArb = fc
  .tuple(
    fc.array(
      fc.array(part, { maxLength: 5 }).map((p) => p.join('')),
      { maxLength: 80 },
    ),
    fc.boolean(),
    fc.boolean(),
  )
  .map(([ls, crlf, trailing]) => ls.join(crlf ? '\r\n' : '\n') + (trailing ? (crlf ? '\r\n' : '\n') : ''));

/** The block split the native-search version replaces: every line looked at, in order. */
function referenceBlocks(lines: readonly string[]): Blocks {
  const start: number[] = [];
  const end: number[] = [];
  const row = (l: string) => /^\s*\|.*\|\s*$/.test(l);
  for (let i = 0; i < lines.length; ) {
    let last = i;
    const fence = /^\s*(```|~~~)/.exec(lines[i]!);
    if (fence) {
      last = i + 1;
      while (last < lines.length && !lines[last]!.trimStart().startsWith(fence[1]!)) last++;
      last = Math.min(last, lines.length - 1);
    } else if (row(lines[i]!)) {
      while (last + 1 < lines.length && row(lines[last + 1]!)) last++;
    }
    start.push(i);
    end.push(last);
    i = last + 1;
  }
  return { count: start.length, start, end };
}

/** The per-line score the one-line-at-a-time `lineInformation` must equal. */
function information(line: string): number {
  if (line.trim().length === 0) return -1;
  let s = 0;
  if (/\d/.test(line)) s += 1;
  if (line.includes('://') || line.includes('www.')) s += 1;
  if (/(?:^|\s)(?:\.{0,2}\/)?[\w.-]+\/[\w./-]+/.test(line)) s += 1;
  if (/[^.!?\s] [A-Z][a-z]/.test(line)) s += 0.5;
  if (/[`_]|[a-z][A-Z]/.test(line)) s += 0.5;
  return s;
}

/** The fill as first written: every candidate block scored, then sorted, then sampled. */
function referenceFill(lines: readonly string[], keep: Uint8Array, budget: number, every: number): void {
  const { count, start, end } = referenceBlocks(lines);
  let kept = keep.reduce((a, k) => a + k, 0);
  const candidates: number[] = [];
  for (let b = 0; b < count; b++) if (keep[start[b]!] === 0) candidates.push(b);
  const score = (b: number) => {
    let s = 0;
    for (let i = start[b]!; i <= end[b]!; i++) s += information(lines[i]!);
    return s / (end[b]! - start[b]! + 1);
  };
  const dense = candidates.filter((b) => score(b) >= 2);
  dense.sort((x, y) => score(y) - score(x) || start[x]! - start[y]!);
  const fill = (b: number) => {
    const size = end[b]! - start[b]! + 1;
    if (kept + size > budget || keep[start[b]!] === 1) return;
    keep.fill(1, start[b]!, end[b]! + 1);
    kept += size;
  };
  for (const b of dense) fill(b);
  for (const b of stride(candidates, Math.floor(candidates.length / every))) fill(b);
}

describe('prose scans', () => {
  it('isRegexSpace is regex \\s on every UTF-16 unit', () => {
    for (let c = 0; c < 0x10000; c++) {
      if (isRegexSpace(c) !== /\s/.test(String.fromCharCode(c))) expect(c.toString(16)).toBe('consistent');
    }
  });

  it('leadChar is the first non-\\s char, and -1 on blank lines', () => {
    fc.assert(
      fc.property(fc.array(part, { maxLength: 4 }), (p) => {
        const line = p.join('');
        const m = /^\s*(\S)/.exec(line);
        expect(leadChar(line)).toBe(m ? m[1]!.charCodeAt(0) : -1);
      }),
      { numRuns: 500 },
    );
  });

  it('linesHolding and markLinesHolding find exactly the lines holding a needle', () => {
    const needles = ['#', '`', '~', '|', '/', 'www.', '4'];
    fc.assert(
      fc.property(textArb, fc.subarray(needles, { minLength: 1 }), (text, some) => {
        const split = splitLines(text);
        const starts = lineStarts(split);
        const want = split.lines.flatMap((l, i) => (some.some((s) => l.includes(s)) ? [i] : []));
        expect(linesHolding(text, starts, some)).toEqual(want);
        const flags = new Uint8Array(split.lines.length);
        const holding = split.lines.filter((l) => l.includes(some[0]!)).length;
        expect(markLinesHolding(text, starts, some[0]!, flags)).toBe(holding);
        expect([...flags]).toEqual(split.lines.map((l) => (l.includes(some[0]!) ? 1 : 0)));
        // Past the limit it gives up, and says so.
        if (holding > 0) expect(markLinesHolding(text, starts, some[0]!, flags, holding - 1)).toBe(-1);
      }),
      { numRuns: 300 },
    );
  });

  it('multiLineBlocks and blocksOf split as the per-line reference does', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const split = splitLines(text);
        const ref = referenceBlocks(split.lines);
        const all = blocksOf(split.lines);
        expect(all.start.slice(0, all.count)).toEqual(ref.start);
        expect(all.end.slice(0, all.count)).toEqual(ref.end);
        const spans = multiLineBlocks(text, split.lines, lineStarts(split));
        const multi = ref.start.flatMap((s, b) => (ref.end[b]! > s ? [[s, ref.end[b]!]] : []));
        expect(spans.start.map((s, k) => [s, spans.end[k]!])).toEqual(multi);
      }),
      { numRuns: 400 },
    );
  });

  it('lineInformation is the per-line score, and only flagged lines can reach 2', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const split = splitLines(text);
        const flags = mayBeDenseLines(text, lineStarts(split));
        // Undefined only past the search limit (lines holding each needle, added up).
        const needles = ['/', 'www.', ...'0123456789'];
        const hits = needles.reduce((a, s) => a + split.lines.filter((l) => l.includes(s)).length, 0);
        expect(flags === undefined).toBe(hits > searchLimit(split.lines.length));
        split.lines.forEach((l, i) => {
          expect(lineInformation(l)).toBe(information(l));
          if (!flags) return;
          expect(flags[i]).toBe(/[\d/]|www\./.test(l) ? 1 : 0);
          if (flags[i] === 0) expect(information(l)).toBeLessThanOrEqual(1);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('mayBeDenseLines leaves the screen to the scores where most lines hold a needle', () => {
    const lines = Array.from({ length: 400 }, (_, i) =>
      i % 4 === 0 ? 'plain words only' : `${i} at 12:${i % 60}`,
    );
    const text = lines.join('\n');
    const split = splitLines(text);
    expect(mayBeDenseLines(text, lineStarts(split))).toBeUndefined();
    expect([...informationScores(text, split)]).toEqual(lines.map(information));
  });

  it('linesHolding gives up past its limit', () => {
    const text = ['# a', 'b', '# c', '#'].join('\n');
    const starts = lineStarts(splitLines(text));
    expect(linesHolding(text, starts, ['#'], 3)).toEqual([0, 2, 3]);
    expect(linesHolding(text, starts, ['#'], 2)).toBeUndefined();
  });
});

describe('fillBudget', () => {
  it('keeps what scoring and sampling every candidate would', () => {
    fc.assert(
      fc.property(
        textArb,
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 12 }),
        (text, picks, maxTotal, every) => {
          const split = splitLines(text);
          const n = split.lines.length;
          if (n === 0) return;
          // Must-keep lines, widened to whole blocks as the compressor does.
          const keep = new Uint8Array(n);
          for (const p of picks) keep[p % n] = 1;
          const ref = referenceBlocks(split.lines);
          for (let b = 0; b < ref.count; b++) {
            if (keep.subarray(ref.start[b]!, ref.end[b]! + 1).includes(1))
              keep.fill(1, ref.start[b]!, ref.end[b]! + 1);
          }
          const kept = keep.reduce((a, k) => a + k, 0);
          const budget = Math.max(maxTotal, kept);
          const want = keep.slice();
          referenceFill(split.lines, want, budget, every);
          const starts = lineStarts(split);
          const got = keep.slice();
          const total = fillBudget({
            text,
            split,
            starts,
            spans: multiLineBlocks(text, split.lines, starts),
            keep: got,
            kept,
            budget,
            sampleEveryNLines: every,
          });
          expect([...got]).toEqual([...want]);
          expect(total).toBe(want.reduce((a, k) => a + k, 0));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('takes the densest blocks first when the budget is tight', () => {
    const lines = [
      'intro',
      'plain filler line',
      'see src/app/main.ts and https://x.io/a on 2024-05-01', // 3: number, URL, path
      'plain filler line',
      'build 42 wrote out/dist/app.js', // 2: number, path
      'plain filler line',
      'plain filler line',
      'outro',
    ];
    const text = lines.join('\n');
    const split = splitLines(text);
    const starts = lineStarts(split);
    const keep = Uint8Array.from([1, 0, 0, 0, 0, 0, 0, 1]);
    const spans = multiLineBlocks(text, lines, starts);
    const fill = (budget: number) => {
      const k = keep.slice();
      fillBudget({ text, split, starts, spans, keep: k, kept: 2, budget, sampleEveryNLines: 100 });
      return [...k];
    };
    expect(fill(3)).toEqual([1, 0, 1, 0, 0, 0, 0, 1]);
    expect(fill(4)).toEqual([1, 0, 1, 0, 1, 0, 0, 1]);
    // No budget left: nothing is scored, nothing added.
    expect(fill(2)).toEqual([...keep]);
  });
});
