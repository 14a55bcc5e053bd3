import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defineSuite, type Suite } from '@headroom/bench';
import { type CodeLanguage, getTokenizer, MemoryCcrStore } from '@headroom/core';
import { Language } from 'web-tree-sitter';
import { CodeAwareCompressor } from '../src/code-compressor.js';
import {
  grammarPath,
  isTreeSitterAvailable,
  loadGrammar,
  parse,
  specForLanguage,
  unloadTreeSitter,
} from '../src/grammars.js';
import { inspect } from '../src/test-utils/structure.js';
import { realCode } from './inputs.js';

const tokenizer = getTokenizer();
const TIER_1: CodeLanguage[] = ['python', 'javascript', 'typescript', 'tsx'];
const SIZES = [100, 1_000, 10_000];

/** Compression of N real lines against parsing them once (the floor every compression pays). */
function speed(language: CodeLanguage, lines: number): Suite {
  return defineSuite(
    {
      name: `${language}, ${lines.toLocaleString('en-US')} lines`,
      minRuns: lines >= 10_000 ? 10 : 30,
      minTimeMs: lines >= 10_000 ? 2000 : 1000,
      setup: async () => {
        const { code, source } = await realCode(language, lines);
        const compressor = new CodeAwareCompressor({}, { store: new MemoryCcrStore() });
        await compressor.warmup([language]);
        const grammar = await loadGrammar(specForLanguage(language).grammar);
        const result = compressor.compressSync(code, { language });
        const report = await inspect(language, code, result.compressed);
        if (report.newErrors > 0) throw new Error(`${language}: the output has a new error node`);
        // A tokenizer whose memo holds one entry: every count of a run misses it.
        const cold = new CodeAwareCompressor(
          {},
          { store: new MemoryCcrStore(), tokenizer: getTokenizer(undefined, { cacheEntries: 1 }) },
        );
        return {
          code,
          source,
          compressor,
          cold,
          grammar,
          before: tokenizer.count(code),
          after: tokenizer.count(result.compressed),
        };
      },
    },
    (s, { code, source, compressor, cold, grammar, before, after }) => {
      const bytes = Buffer.byteLength(code);
      s.baseline(`parse only, the floor (${source})`, () => parse(grammar, code)?.delete(), { bytes });
      s.add('compressSync (token counts memoized)', () => compressor.compressSync(code, { language }), {
        bytes,
        measure: () => ({ before, after }),
      });
      s.add('compressSync (token counts not memoized)', () => cold.compressSync(code, { language }), {
        bytes,
      });
    },
  );
}

let salt = 0;
/**
 * The bytes of a `.wasm` with a custom section appended that differs on every call: still the same
 * module, but V8 cannot reuse an earlier compilation of it, so each load compiles from scratch.
 */
function cold(bytes: Uint8Array): Uint8Array {
  const payload = new TextEncoder().encode(`x${salt++}`);
  const section = [0, payload.length + 2, 1, 0x78, ...payload];
  const out = new Uint8Array(bytes.length + section.length);
  out.set(bytes);
  out.set(section, bytes.length);
  return out;
}

/** Milliseconds `Parser.init` takes in a fresh Node process (web-tree-sitter initializes once per process). */
function coldRuntimeInit(wasmPath: string, runtimeUrl: string): number {
  const script = [
    `const ts = await import(${JSON.stringify(runtimeUrl)});`,
    'const t = performance.now();',
    `await ts.Parser.init({ locateFile: () => ${JSON.stringify(wasmPath)} });`,
    'console.log(performance.now() - t);',
  ].join('\n');
  const env = { ...process.env, NODE_OPTIONS: '' };
  const runs = [0, 1, 2].map(() =>
    Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { env }).toString()),
  );
  return runs.sort((a, b) => a - b)[1]!;
}

/**
 * Grammar loading as a process sees it the first time: each grammar compiled and instantiated from
 * scratch (made cold by `cold()`). Runs last; its teardown unloads everything.
 */
const loading = defineSuite(
  {
    name: 'grammar load (WebAssembly compiled from scratch each run)',
    minRuns: 5,
    maxRuns: 10,
    minTimeMs: 300,
    warmupRuns: 1,
    setup: async () => {
      const require = createRequire(import.meta.url);
      const wasm = require.resolve('web-tree-sitter/tree-sitter.wasm');
      const init = coldRuntimeInit(wasm, pathToFileURL(join(dirname(wasm), 'tree-sitter.js')).href);
      await loadGrammar('python');
      const names = ['python', 'typescript', 'javascript', 'tsx', 'go', 'rust', 'java', 'c', 'cpp'] as const;
      return { init, grammars: names.map((name) => [name, readFileSync(grammarPath(name)!)] as const) };
    },
    teardown: () => unloadTreeSitter(),
  },
  (s, { init, grammars }) => {
    for (const [name, bytes] of grammars) {
      const label = `load ${name} grammar${name === 'python' ? ` (runtime init before it, once per process: ${init.toFixed(0)} ms)` : ''}`;
      if (name === 'python') s.baseline(label, () => Language.load(cold(bytes)));
      else s.add(label, () => Language.load(cold(bytes)));
    }
  },
);

/** Content detection of 1,000 lines: regexes, then two candidate parses. */
const detection = defineSuite(
  {
    name: 'language detection, 1,000 lines',
    setup: async () => {
      const { code } = await realCode('python', 1_000);
      const compressor = new CodeAwareCompressor({}, { store: new MemoryCcrStore() });
      await compressor.warmup(['python', 'javascript', 'typescript']);
      const grammar = await loadGrammar('python');
      return { code, compressor, grammar };
    },
  },
  (s, { code, compressor, grammar }) => {
    s.baseline('parse only', () => parse(grammar, code)?.delete());
    s.add('detectLanguage', () => compressor.detectLanguage(code));
  },
);

/** The router asks this on every code block: it must cost nothing. */
const availability = defineSuite({ name: 'isTreeSitterAvailable' }, (s) => {
  s.baseline('isTreeSitterAvailable() (memoized after the first call)', () => isTreeSitterAvailable());
});

export default [
  ...TIER_1.flatMap((language) => SIZES.map((lines) => speed(language, lines))),
  detection,
  availability,
  loading,
];
