import { defineSuite, type Suite } from '@headroom/bench';
import { getTokenizer, MemoryCcrStore } from '@headroom/core';
import { DiffCompressor, LogCompressor, SearchCompressor, TextCompressor } from '@headroom/crusher';
import { appLog, gitDiff, grepOutput, markdown } from '../src/__fixtures__/text-generators.js';

const tokenizer = getTokenizer('gpt-4o');
type Compressor = { compress(text: string, opts?: { query?: string }): { compressed: string } };

interface Family {
  name: string;
  make: (bytes: number) => string[];
  compressor: () => Compressor;
  query?: string;
  /** Substrings that must survive: errors and traces, query matches, file names, headings. */
  mustKeep: (lines: string[]) => string[];
}

const fill = (bytes: number, make: (n: number) => string[], perLine: number) =>
  make(Math.max(1, Math.round(bytes / perLine)));

const FAMILIES: Family[] = [
  {
    name: 'LogCompressor (app log, one FATAL + 30-line trace)',
    make: (bytes) => fill(bytes, (n) => appLog(n, { fatalAt: Math.floor(n * 0.67), traceLines: 30 }), 75),
    compressor: () => new LogCompressor({}, { store: new MemoryCcrStore() }),
    mustKeep: (lines) => lines.filter((l) => /FATAL|IllegalStateException|\tat /.test(l)),
  },
  {
    name: 'SearchCompressor (grep -rn, 4 matches per file, one needle)',
    make: (bytes) => fill(bytes, (n) => grepOutput(Math.max(140, Math.ceil(n / 4)), 4), 70),
    compressor: () => new SearchCompressor({}, { store: new MemoryCcrStore() }),
    query: 'where is parseConfigStrict called',
    mustKeep: (lines) => [
      ...lines.filter((l) => l.includes('parseConfigStrict')),
      ...new Set(lines.map((l) => l.slice(0, l.indexOf(':')))),
    ],
  },
  {
    name: 'DiffCompressor (git diff, 6 hunks per file + lockfile)',
    make: (bytes) => fill(bytes, (n) => gitDiff(Math.max(1, Math.round(n / 70)), 6), 28),
    compressor: () => new DiffCompressor({}, { store: new MemoryCcrStore() }),
    mustKeep: (lines) => lines.filter((l) => l.startsWith('diff --git')),
  },
  {
    name: 'TextCompressor (markdown notes)',
    make: (bytes) => fill(bytes, markdown, 40),
    compressor: () => new TextCompressor({}, { store: new MemoryCcrStore() }),
    query: 'incident 4411',
    mustKeep: (lines) => lines.filter((l) => l.startsWith('#') || l.includes('4411')),
  },
];

/** Keeps whole first and last lines adding up to `bytes`: the naive truncation baseline. */
function headTail(lines: string[], bytes: number): string {
  const head: string[] = [];
  const tail: string[] = [];
  let used = 0;
  for (let i = 0, j = lines.length - 1; i <= j; ) {
    const next = head.length <= tail.length ? lines[i]! : lines[j]!;
    if (used + next.length + 1 > bytes) break;
    used += next.length + 1;
    if (head.length <= tail.length) head.push(lines[i++]!);
    else tail.unshift(lines[j--]!);
  }
  return [...head, `[... truncated]`, ...tail].join('\n');
}

const recall = (needed: string[], out: string) =>
  `${((100 * needed.filter((s) => out.includes(s)).length) / needed.length).toFixed(1)}% of ${needed.length}`;

function suite(f: Family, bytes: number): Suite {
  const label = bytes >= 1e6 ? `${bytes / 1e6} MB` : `${bytes / 1e3} KB`;
  return defineSuite(
    {
      name: `${f.name}, ${label}`,
      minTimeMs: 500,
      setup: () => {
        const lines = f.make(bytes);
        const text = lines.join('\n');
        const ours = f.compressor().compress(text, f.query ? { query: f.query } : {}).compressed;
        const naive = headTail(lines, ours.length);
        const needed = f.mustKeep(lines);
        return { text, ours, naive, needed, before: tokenizer.count(text) };
      },
    },
    (s, { text, ours, naive, needed, before }) => {
      const c = f.compressor();
      const bytesIn = Buffer.byteLength(text);
      const measure = (out: string) => () => ({ before, after: tokenizer.count(out) });
      s.baseline(
        `head+tail, same size (recall ${recall(needed, naive)})`,
        () => headTail(text.split('\n'), ours.length),
        {
          bytes: bytesIn,
          measure: measure(naive),
        },
      );
      s.add(
        `${f.name.split(' ')[0]} (recall ${recall(needed, ours)})`,
        () => c.compress(text, f.query ? { query: f.query } : {}),
        {
          bytes: bytesIn,
          measure: measure(ours),
        },
      );
    },
  );
}

export default FAMILIES.flatMap((f) => [10_000, 100_000, 1_000_000].map((bytes) => suite(f, bytes)));
