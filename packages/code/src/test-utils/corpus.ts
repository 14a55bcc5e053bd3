import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodeLanguage } from '@headroom/core';

/**
 * Real source files per language, found the same way on any machine: npm packages through
 * `createRequire(…).resolve`, the Python standard library through `python3`, and copies bundled in
 * `__fixtures__` where no package ships the language (see `__fixtures__/SOURCE.md`).
 */
const require = createRequire(import.meta.url);
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '__fixtures__');

export interface CorpusFile {
  path: string;
  /** Short label for test names. */
  name: string;
}

function packageDir(name: string, from = require): string {
  return dirname(from.resolve(`${name}/package.json`));
}

function files(dir: string, pattern: RegExp, label: string): CorpusFile[] {
  return readdirSync(dir)
    .filter((f) => pattern.test(f))
    .sort()
    .map((f) => ({ path: join(dir, f), name: `${label}/${f}` }));
}

/** The files of `min`–`max` bytes, in name order. */
function sized(list: CorpusFile[], min: number, max: number): CorpusFile[] {
  return list.filter((f) => {
    const size = statSync(f.path).size;
    return size >= min && size <= max;
  });
}

/** The directory of the Python standard library of `python3`. */
export function pythonStdlibDir(): string {
  return execFileSync('python3', ['-c', 'import os; print(os.path.dirname(os.__file__))'], {
    encoding: 'utf8',
  }).trim();
}

/** Standard modules present in every CPython 3.8–3.13, small to large (argparse, typing). */
const PYTHON_MODULES = [
  'argparse.py',
  'base64.py',
  'bisect.py',
  'calendar.py',
  'cmd.py',
  'code.py',
  'codecs.py',
  'configparser.py',
  'contextlib.py',
  'copy.py',
  'csv.py',
  'fnmatch.py',
  'fractions.py',
  'functools.py',
  'gettext.py',
  'glob.py',
  'gzip.py',
  'heapq.py',
  'hmac.py',
  'json/decoder.py',
  'json/encoder.py',
  'pprint.py',
  'queue.py',
  'random.py',
  'sched.py',
  'shlex.py',
  'string.py',
  'tempfile.py',
  'textwrap.py',
  'tokenize.py',
  'traceback.py',
  'typing.py',
  'uuid.py',
  'weakref.py',
];

function python(): CorpusFile[] {
  const dir = pythonStdlibDir();
  return PYTHON_MODULES.filter((m) => existsSync(join(dir, m))).map((m) => ({
    path: join(dir, m),
    name: `stdlib/${m}`,
  }));
}

function javascript(): CorpusFile[] {
  const vitest = packageDir('vitest');
  const webTreeSitter = dirname(require.resolve('web-tree-sitter'));
  return [
    { path: join(packageDir('fast-check'), 'lib', 'fast-check.js'), name: 'fast-check/lib/fast-check.js' },
    { path: join(webTreeSitter, 'tree-sitter.js'), name: 'web-tree-sitter/tree-sitter.js' },
    { path: join(packageDir('typescript'), 'lib', 'watchGuard.js'), name: 'typescript/lib/watchGuard.js' },
    ...sized(files(join(vitest, 'dist', 'chunks'), /\.js$/, 'vitest/dist/chunks'), 10_000, 80_000).slice(
      0,
      8,
    ),
  ];
}

function typescript(): CorpusFile[] {
  const webTreeSitter = dirname(require.resolve('web-tree-sitter'));
  const core = createRequire(require.resolve('@headroom/core/package.json'));
  const zodCore = join(packageDir('zod', core), 'src', 'v4', 'core');
  return [
    ...files(join(webTreeSitter, 'src'), /\.ts$/, 'web-tree-sitter/src'),
    ...files(zodCore, /^[^.]+\.ts$/, 'zod/src/v4/core'),
  ];
}

/** Every corpus, by language. */
export function corpus(language: CodeLanguage): CorpusFile[] {
  switch (language) {
    case 'python':
      return python();
    case 'javascript':
      return javascript();
    case 'typescript':
      return typescript();
    case 'tsx':
      return files(join(FIXTURES, 'tsx'), /\.tsx\.txt$/, 'fixture/tsx');
    case 'c':
      return files(join(dirname(require.resolve('web-tree-sitter')), 'lib'), /\.c$/, 'web-tree-sitter/lib');
    case 'cpp':
      return files(join(FIXTURES, 'cpp'), /\.cc$/, 'sharp/src');
    case 'go':
      return files(join(FIXTURES, 'go'), /\.go$/, 'git/contrib/persistent-https');
    case 'rust':
      return files(join(FIXTURES, 'rust'), /\.rs$/, 'rust/error_codes');
    case 'java':
      return files(join(FIXTURES, 'java'), /\.java$/, 'fixture/java');
  }
}
