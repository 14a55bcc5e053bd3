import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { CodeLanguage } from '@headroom/core';
import type { Language, Parser, Tree } from 'web-tree-sitter';
import { type GrammarName, type LanguageSpec, specFor } from './languages/index.js';

type TreeSitter = typeof import('web-tree-sitter');

/** A loaded grammar with its own parser (parsers are cheap; one per grammar avoids switching). */
export interface Grammar {
  readonly name: GrammarName;
  readonly path: string;
  readonly language: Language;
  readonly parser: Parser;
}

interface State {
  init?: Promise<TreeSitter>;
  loading: Map<string, Promise<Grammar>>;
  ready: Map<string, Grammar>;
}

const require = createRequire(import.meta.url);
let state: State = { loading: new Map(), ready: new Map() };
let available: boolean | undefined;
const paths = new Map<string, string | undefined>();

function resolveOrUndefined(id: string): string | undefined {
  try {
    return require.resolve(id);
  } catch {
    return undefined;
  }
}

/** True when `web-tree-sitter` and the grammar package resolve. Sync, memoized, loads nothing. */
export function isTreeSitterAvailable(): boolean {
  available ??=
    resolveOrUndefined('web-tree-sitter') !== undefined &&
    resolveOrUndefined('@vscode/tree-sitter-wasm/package.json') !== undefined;
  return available;
}

function packageDir(id: string): string | undefined {
  const manifest = resolveOrUndefined(`${id}/package.json`);
  return manifest === undefined ? undefined : dirname(manifest);
}

/**
 * Where a grammar's `.wasm` lives: `grammarDir` first when it holds the file, then the bundled
 * packages (`@vscode/tree-sitter-wasm`; C from `tree-sitter-wasms`, an optional dependency).
 */
export function grammarPath(name: GrammarName, grammarDir?: string): string | undefined {
  const key = `${name}\0${grammarDir ?? ''}`;
  if (paths.has(key)) return paths.get(key);
  const file = `tree-sitter-${name}.wasm`;
  let path: string | undefined;
  if (grammarDir !== undefined && existsSync(join(grammarDir, file))) path = join(grammarDir, file);
  else {
    const dir = name === 'c' ? packageDir('tree-sitter-wasms') : packageDir('@vscode/tree-sitter-wasm');
    const candidate = dir === undefined ? undefined : join(dir, name === 'c' ? 'out' : 'wasm', file);
    path = candidate !== undefined && existsSync(candidate) ? candidate : undefined;
  }
  paths.set(key, path);
  return path;
}

/** The spec (and so the grammar) a language is compressed with: C uses the C++ grammar without its own. */
export function specForLanguage(language: CodeLanguage, grammarDir?: string): LanguageSpec {
  return specFor(language, language !== 'c' || grammarPath('c', grammarDir) !== undefined);
}

function initTreeSitter(): Promise<TreeSitter> {
  const current = state;
  current.init ??= (async () => {
    const ts = await import('web-tree-sitter');
    const wasm = require.resolve('web-tree-sitter/tree-sitter.wasm');
    await ts.Parser.init({ locateFile: () => wasm });
    return ts;
  })();
  // A failed init is not memoized: the next call tries again.
  current.init.catch(() => {
    if (current.init !== undefined && state === current) current.init = undefined;
  });
  return current.init;
}

/** Loads a grammar once; concurrent callers share one promise. */
export function loadGrammar(name: GrammarName, grammarDir?: string): Promise<Grammar> {
  const path = grammarPath(name, grammarDir);
  if (path === undefined) return Promise.reject(new Error(`No tree-sitter grammar found for ${name}`));
  const current = state;
  let pending = current.loading.get(path);
  if (!pending) {
    pending = (async () => {
      const ts = await initTreeSitter();
      const language = await ts.Language.load(path);
      const parser = new ts.Parser();
      parser.setLanguage(language);
      const grammar: Grammar = { name, path, language, parser };
      if (state === current) current.ready.set(path, grammar);
      else parser.delete();
      return grammar;
    })();
    current.loading.set(path, pending);
    pending.catch(() => current.loading.delete(path));
  }
  return pending;
}

/** A grammar that is loaded now, for the synchronous path. */
export function loadedGrammar(name: GrammarName, grammarDir?: string): Grammar | undefined {
  const path = grammarPath(name, grammarDir);
  return path === undefined ? undefined : state.ready.get(path);
}

/**
 * Parses within a time budget (the parser's progress callback cancels it): null when exceeded.
 * The budget grows with the input, since the first parses run before the WASM code is optimized.
 */
export function parse(grammar: Grammar, text: string): Tree | null {
  const deadline = performance.now() + 1000 + text.length / 1024;
  return grammar.parser.parse(text, null, { progressCallback: () => performance.now() > deadline });
}

/** Frees every parser and forgets the grammars and the runtime; the next use loads them again. */
export function unloadTreeSitter(): void {
  for (const grammar of state.ready.values()) grammar.parser.delete();
  state = { loading: new Map(), ready: new Map() };
}
