import { readFileSync } from 'node:fs';
import { CodeLanguage, MemoryCcrStore } from '@headroom/core';
import { describe, expect, it } from 'vitest';
import { CodeAwareCompressor } from './code-compressor.js';
import { languageCandidates, languageFromPath } from './detect-language.js';
import { corpus } from './test-utils/corpus.js';
import { GO_SERVICE, JS_MODULE, PY_SERVICE, TS_MODULE } from './test-utils/samples.js';

const HASKELL = `module Main where

import Data.List (sortBy)
import qualified Data.Map as Map
import System.Environment (getArgs)

data Shape = Circle Double | Square Double deriving (Show, Eq)

area :: Shape -> Double
area (Circle r) = pi * r * r
area (Square s) = s * s

main :: IO ()
main = do
  args <- getArgs
  let shapes = map (Circle . read) args
  mapM_ (print . area) (sortBy (\\a b -> compare (area a) (area b)) shapes)
`;

describe('languageFromPath', () => {
  it('maps extensions, and .h to C++ only when the content says so', () => {
    expect(languageFromPath('a/b/c.py')).toBe('python');
    expect(languageFromPath('x.MJS')).toBe('javascript');
    expect(languageFromPath('x.cts')).toBe('typescript');
    expect(languageFromPath('View.tsx')).toBe('tsx');
    expect(languageFromPath('main.rs')).toBe('rust');
    expect(languageFromPath('x.hpp')).toBe('cpp');
    expect(languageFromPath('x.h', 'int f(void);\nstruct s { int a; };\n')).toBe('c');
    expect(languageFromPath('x.h', 'namespace a {\nclass B {\npublic:\n  std::string s;\n};\n}\n')).toBe(
      'cpp',
    );
    expect(languageFromPath('README.md')).toBeUndefined();
  });
});

describe('languageCandidates', () => {
  it('ranks the families whose patterns match at least three lines', () => {
    expect(languageCandidates(PY_SERVICE)[0]?.language).toBe('python');
    expect(languageCandidates(GO_SERVICE)[0]?.language).toBe('go');
    expect(languageCandidates(JS_MODULE)[0]?.language).toBe('javascript');
    expect(languageCandidates(TS_MODULE)[0]?.language).toBe('typescript');
    expect(languageCandidates('just some prose\nwith lines\n')).toEqual([]);
  });
});

describe('detectLanguage', () => {
  const compressor = new CodeAwareCompressor({}, { store: new MemoryCcrStore() });

  it('detects each language of the corpus from content alone', async () => {
    for (const language of CodeLanguage.options) {
      const file = corpus(language).at(-1)!;
      const detection = await compressor.detectLanguage(readFileSync(file.path, 'utf8'));
      expect({ file: file.name, language: detection.language }).toEqual({ file: file.name, language });
      expect(detection.confidence).toBeGreaterThan(0.9);
      expect(detection.source).toBe('content');
    }
  });

  it('prefers a hint, then the file extension', async () => {
    const hinted = new CodeAwareCompressor({ languageHint: 'go' }, { store: new MemoryCcrStore() });
    expect(await hinted.detectLanguage(PY_SERVICE)).toEqual({
      language: 'go',
      confidence: 1,
      source: 'hint',
    });
    expect(await compressor.detectLanguage(PY_SERVICE, { filePath: 'x.rs' })).toEqual({
      language: 'rust',
      confidence: 0.95,
      source: 'path',
    });
  });

  it('compresses without any language given', async () => {
    const result = await compressor.compress(GO_SERVICE);
    expect(result).toMatchObject({ wasModified: true, language: 'go', syntaxValid: true });
  });

  it('leaves Haskell alone as an unsupported language', async () => {
    const result = await compressor.compress(HASKELL.repeat(3));
    expect(result).toMatchObject({ wasModified: false, reason: 'unsupported-language' });
    expect((await compressor.detectLanguage(HASKELL)).language).toBeUndefined();
  });
});
