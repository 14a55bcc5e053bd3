import { readFileSync } from 'node:fs';
import { type CodeLanguage, MemoryCcrStore, parseMarkers } from '@headroom/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { CodeAwareCompressor } from './code-compressor.js';
import { specForLanguage } from './grammars.js';
import { nodeCheck, pyCompile } from './test-utils/checkers.js';
import { corpus } from './test-utils/corpus.js';
import { foreignLines, type Inspection, inspect, missingInOrder } from './test-utils/structure.js';
import type { CodeCompressionResult } from './types.js';

const LANGUAGES: CodeLanguage[] = [
  'python',
  'javascript',
  'typescript',
  'tsx',
  'go',
  'rust',
  'java',
  'c',
  'cpp',
];

interface Compressed {
  name: string;
  code: string;
  result: CodeCompressionResult;
  inspection: Inspection;
}

const store = new MemoryCcrStore();
const compressor = new CodeAwareCompressor({}, { store });
const results = new Map<CodeLanguage, Compressed[]>();

// Every real file is compressed and inspected once; the tests below only read the results.
beforeAll(async () => {
  await compressor.warmup(LANGUAGES);
  for (const language of LANGUAGES) {
    const out: Compressed[] = [];
    for (const file of corpus(language)) {
      const code = readFileSync(file.path, 'utf8');
      const result = compressor.compressSync(code, { language });
      out.push({
        name: file.name,
        code,
        result,
        inspection: await inspect(language, code, result.compressed),
      });
    }
    results.set(language, out);
  }
}, 180_000);

describe.each(LANGUAGES)('real %s files', (language) => {
  const files = () => results.get(language)!;

  it('are compressed (most of them; the rest pass through for being small or gaining little)', () => {
    const modified = files().filter((f) => f.result.wasModified);
    expect(modified.length).toBeGreaterThanOrEqual(Math.ceil(files().length / 2));
    for (const f of files()) {
      if (!f.result.wasModified) expect(['too-small', 'no-gain']).toContain(f.result.reason);
    }
  });

  it('parse with no error node the input did not have', () => {
    for (const { name, result, inspection } of files()) {
      expect({ name, newErrors: inspection.newErrors }).toEqual({ name, newErrors: 0 });
      if (inspection.inputErrors === 0) expect(inspection.outputErrors).toBe(0);
      if (result.wasModified) expect(result.syntaxValid).toBe(inspection.outputErrors === 0);
    }
  });

  it('keep every import, class header and top-level function or method signature, in order', () => {
    for (const { name, result, inspection } of files()) {
      const missing = missingInOrder(inspection.required, result.compressed.split('\n'));
      expect({ name, missing }).toEqual({ name, missing: [] });
    }
  });

  it('copy every other kept line byte for byte, in order', () => {
    const comment = specForLanguage(language).lineComment;
    for (const { name, code, result } of files()) {
      expect({ name, foreign: foreignLines(code, result.compressed, comment) }).toEqual({
        name,
        foreign: [],
      });
    }
  });

  it('store the exact input behind the marker', async () => {
    for (const { code, result } of files().filter((f) => f.result.wasModified)) {
      const markers = parseMarkers(result.compressed);
      expect(markers).toHaveLength(1);
      expect(markers[0]!.hash).toBe(result.ccrHash);
      expect(markers[0]!.total).toBe(code.split('\n').length - (code.endsWith('\n') ? 1 : 0));
      expect((await store.get(result.ccrHash!))?.original).toBe(code);
      expect(result.compressionRatio).toBeLessThanOrEqual(0.95);
    }
  });
});

describe('compiled by the real toolchains', () => {
  it('compressed Python passes py_compile', () => {
    const sources = results.get('python')!.map((f) => ({ name: f.name, code: f.result.compressed }));
    expect(sources.length).toBeGreaterThanOrEqual(30);
    expect(pyCompile(sources)).toEqual([]);
  }, 60_000);

  it('compressed JavaScript passes node --check', async () => {
    const sources = results.get('javascript')!.map((f) => ({
      name: f.name,
      code: f.result.compressed,
      module: /^\s*(?:import|export)\b/m.test(f.code),
    }));
    expect(await nodeCheck(sources)).toEqual([]);
  }, 60_000);
});
