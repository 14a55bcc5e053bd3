/**
 * The mixed 1 MB corpus of the tokenizer benchmark, built deterministically from real text (the
 * tau-bench conversations, TypeScript's own docs, sources and CJK diagnostics, a Python module)
 * and seeded synthetic text (logs with special-token literals, emoji, long whitespace runs).
 */
import { readFileSync } from 'node:fs';
import { prng, type Random } from '@headroom/bench';
import { repoFile } from './repo-paths.js';
import { emojiChat, logLines, whitespaceRuns } from './synthetic-text.js';
import { tauBenchTrajectories } from './tau-bench.js';

export const CORPUS_BYTES = 1_000_000;
const CHUNK_BYTES = 4096;

export interface Corpus {
  /** All chunks joined: exactly {@link CORPUS_BYTES} UTF-8 bytes. */
  text: string;
  /** Distinct pieces of message size, shuffled across sources. */
  chunks: string[];
  bytes: number;
  /** UTF-8 bytes per source. */
  sources: Record<string, number>;
}

const TYPESCRIPT_FILES = ['lib/lib.es5.d.ts', 'lib/lib.es2015.core.d.ts', 'lib/lib.dom.d.ts'];
const typescriptFile = (path: string) =>
  readFileSync(repoFile(`node_modules/typescript/${path}`, 'run pnpm install'), 'utf8');

/** Every message content and tool-call argument of the conversations, each distinct text once. */
function tauBenchTexts(): string[] {
  const seen = new Set<string>();
  for (const { traj } of tauBenchTrajectories()) {
    for (const m of traj) {
      if (m.content) seen.add(m.content);
      for (const call of m.tool_calls ?? []) seen.add(call.function.arguments);
    }
  }
  return [...seen];
}

function englishProse(): string[] {
  const instructions = new Set(tauBenchTrajectories().map((t) => t.info.task.instruction));
  const docs = ['README.md', 'SECURITY.md', 'LICENSE.txt', 'ThirdPartyNoticeText.txt'].map(typescriptFile);
  return [...instructions, ...docs];
}

/** TypeScript's diagnostic messages in one language: CJK prose with code and placeholders mixed in. */
function diagnostics(locale: string): string {
  return Object.values(JSON.parse(typescriptFile(`lib/${locale}/diagnosticMessages.generated.json`))).join(
    '\n',
  );
}

/** The first `bytes` UTF-8 bytes of `texts`, split at line ends into chunks of about CHUNK_BYTES. */
function chunked(texts: readonly string[], bytes: number): string[] {
  const chunks: string[] = [];
  let left = bytes;
  for (const text of texts) {
    let rest = Buffer.from(text);
    while (rest.length > 0 && left > 0) {
      let end = Math.min(rest.length, left);
      if (end > CHUNK_BYTES) {
        const newline = rest.lastIndexOf(0x0a, CHUNK_BYTES);
        end = newline > 0 ? newline + 1 : CHUNK_BYTES;
      }
      while (end < rest.length && (rest[end]! & 0xc0) === 0x80) end--; // never split a character
      if (end === 0) return chunks; // the budget ends inside a character
      chunks.push(rest.subarray(0, end).toString('utf8'));
      rest = rest.subarray(end);
      left -= end;
    }
  }
  return chunks;
}

function shuffle<T>(items: T[], rand: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

let cached: Corpus | undefined;

export function mixedCorpus(): Corpus {
  if (cached) return cached;
  const rand = prng(0x4ead);
  const sections: [string, string[]][] = [
    ['tau-bench conversations', chunked(tauBenchTexts(), 300_000)],
    ['English prose', chunked(englishProse(), 70_000)],
    ['TypeScript source', chunked(TYPESCRIPT_FILES.map(typescriptFile), 300_000)],
    [
      'Python source',
      chunked([readFileSync(new URL('./fixtures/airline_tools.py', import.meta.url), 'utf8')], 20_000),
    ],
    ['Chinese', chunked([diagnostics('zh-cn')], 80_000)],
    ['Japanese', chunked([diagnostics('ja')], 80_000)],
    ['Korean', chunked([diagnostics('ko')], 40_000)],
    ['emoji', chunked([emojiChat(rand, 25_000)], 25_000)],
    ['whitespace runs', chunked([whitespaceRuns(rand, 30_000)], 30_000)],
  ];
  const used = sections.reduce(
    (n, [, chunks]) => n + chunks.reduce((m, c) => m + Buffer.byteLength(c), 0),
    0,
  );
  // Logs are ASCII: they fill the rest to the exact byte.
  sections.push([
    'logs (with special-token literals)',
    chunked([logLines(rand, CORPUS_BYTES - used)], CORPUS_BYTES - used),
  ]);

  const sources = Object.fromEntries(
    sections.map(([name, chunks]) => [name, chunks.reduce((n, c) => n + Buffer.byteLength(c), 0)]),
  );
  const chunks = shuffle(
    sections.flatMap(([, c]) => c),
    rand,
  );
  const text = chunks.join('');
  cached = { text, chunks, bytes: Buffer.byteLength(text), sources };
  return cached;
}
