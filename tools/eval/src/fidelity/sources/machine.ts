import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ContentCase } from '../case.js';

export const REPO_ROOT = new URL('../../../../../', import.meta.url).pathname;

export interface MachineCases {
  cases: ContentCase[];
  /** Sources that could not be produced here, with the reason (reported, never thrown). */
  unavailable: string[];
}

const run = (cmd: string, args: string[]): string =>
  execFileSync(cmd, args, {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    timeout: 60_000,
    stdio: ['ignore', 'pipe', 'ignore'],
  });

/** `npm ls` exits non-zero on any peer warning but still prints the tree. */
function npmLs(): string {
  try {
    return run('npm', ['ls', '--all', '--json']);
  } catch (error) {
    const out = (error as { stdout?: string }).stdout;
    if (out) return out;
    throw error;
  }
}

/** A line in the middle of a text: the query target of an output that has no planted needle. */
const middleLine = (text: string): string => {
  const lines = text.split('\n').filter((l) => l.trim().length > 20);
  return lines[Math.floor(lines.length / 2)] ?? '';
};

function gitLog(): ContentCase {
  const text = run('git', ['log', '--stat', '-n', '150']);
  const hashes = [...text.matchAll(/^commit ([0-9a-f]{40})/gm)].map((m) => m[1]!);
  const target = hashes[Math.floor(hashes.length / 2)]!;
  return {
    id: 'machine-git-log',
    kind: 'machine: git log --stat',
    origin: 'machine',
    text,
    query: `what changed in ${target.slice(0, 12)}`,
    mustKeep: [target, hashes[0]!],
    validity: 'none',
    toolName: 'Bash',
  };
}

/** Must-keep: the first reported problem (an error) and the queried top-level package. */
function npmTree(): ContentCase {
  const text = npmLs();
  const problem = (JSON.parse(text) as { problems?: string[] }).problems?.[0];
  return {
    id: 'machine-npm-ls',
    kind: 'machine: npm ls --all --json',
    origin: 'machine',
    text,
    query: 'which version of vitest is installed',
    mustKeep: ['"vitest"', ...(problem ? [problem] : [])],
    validity: 'json',
    toolName: 'Bash',
  };
}

function grepPackages(): ContentCase {
  const text = run('grep', [
    '-rn',
    '--include=*.d.ts',
    'export declare function',
    'node_modules/.pnpm',
    '-m',
    '3',
  ]);
  const target = middleLine(text);
  const name = /function (\w+)/.exec(target)?.[1] ?? '';
  return {
    id: 'machine-grep',
    kind: 'machine: grep -rn over node_modules',
    origin: 'machine',
    text,
    query: `where is ${name} declared`,
    mustKeep: [target],
    validity: 'none',
    toolName: 'Grep',
  };
}

/** Installed source files of moderate size; must-keep: every top-level definition's header line. */
function sourceFiles(): ContentCase[] {
  const picks: { path: string; validity: 'javascript' | 'python'; def: RegExp }[] = [];
  const py = readdirSync('/usr/lib').find((d) => /^python3\.\d+$/.test(d));
  if (py)
    for (const f of ['argparse.py', 'json/decoder.py', 'textwrap.py'])
      picks.push({ path: join('/usr/lib', py, f), validity: 'python', def: /^(?:def|class) \w+[^\n]*:$/gm });
  const pnpm = join(REPO_ROOT, 'node_modules/.pnpm');
  for (const pkg of ['semver', 'commander'])
    for (const dir of readdirSync(pnpm)
      .filter((d) => d.startsWith(`${pkg}@`))
      .slice(0, 1)) {
      const file = pkg === 'semver' ? 'classes/range.js' : 'lib/command.js';
      picks.push({
        path: join(pnpm, dir, 'node_modules', pkg, file),
        validity: 'javascript',
        def: /^(?:class|function) \w+[^\n]*\{$/gm,
      });
    }
  return picks
    .filter((p) => statSync(p.path, { throwIfNoEntry: false })?.isFile())
    .map((p) => {
      const text = readFileSync(p.path, 'utf8');
      return {
        id: `machine-src-${p.path.split('/').slice(-2).join('-')}`,
        kind: p.validity === 'python' ? 'machine: Python stdlib source' : 'machine: installed JS source',
        origin: 'machine' as const,
        text,
        mustKeep: [...text.matchAll(p.def)].map((m) => m[0]),
        validity: p.validity,
        toolName: 'Read',
        filePath: p.path,
      };
    });
}

/** Real outputs produced on this machine now. */
export function machineCases(): MachineCases {
  const cases: ContentCase[] = [];
  const unavailable: string[] = [];
  const sources: [string, () => ContentCase[]][] = [
    ['git log --stat', () => [gitLog()]],
    ['npm ls --all --json', () => [npmTree()]],
    ['grep -rn node_modules', () => [grepPackages()]],
    ['installed source files', sourceFiles],
  ];
  for (const [name, produce] of sources) {
    try {
      cases.push(...produce());
    } catch (error) {
      unavailable.push(`${name}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  return { cases, unavailable };
}
