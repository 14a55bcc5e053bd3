import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CodeLanguage, MemoryCcrStore } from '@headroom/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Language, Parser } from 'web-tree-sitter';
import { CodeAwareCompressor } from './code-compressor.js';
import {
  grammarPath,
  isTreeSitterAvailable,
  loadedGrammar,
  specForLanguage,
  unloadTreeSitter,
} from './grammars.js';
import { specFor } from './languages/index.js';
import { GO_SERVICE, PY_SERVICE } from './test-utils/samples.js';

const compressor = () => new CodeAwareCompressor({}, { store: new MemoryCcrStore() });

afterEach(() => vi.restoreAllMocks());

describe('the tree-sitter runtime', () => {
  it('is available in the workspace, answered without loading anything', () => {
    const init = vi.spyOn(Parser, 'init');
    const started = performance.now();
    expect(isTreeSitterAvailable()).toBe(true);
    expect(performance.now() - started).toBeLessThan(50);
    expect(init).not.toHaveBeenCalled();
  });

  it('loads a grammar once for ten concurrent first calls', async () => {
    unloadTreeSitter();
    const init = vi.spyOn(Parser, 'init');
    const load = vi.spyOn(Language, 'load');
    const c = compressor();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => c.compress(GO_SERVICE, { language: 'go' })),
    );
    expect(init).toHaveBeenCalledTimes(1);
    expect(load).toHaveBeenCalledTimes(1);
    expect(new Set(results.map((r) => r.compressed)).size).toBe(1);
    expect(results[0]!.wasModified).toBe(true);
  });

  it('unloads and reloads on the next call', async () => {
    const c = compressor();
    await c.warmup(['python']);
    const before = c.compressSync(PY_SERVICE, { language: 'python' });
    expect(before.wasModified).toBe(true);
    unloadTreeSitter();
    expect(c.compressSync(PY_SERVICE, { language: 'python' }).reason).toBe('grammar-not-loaded');
    const load = vi.spyOn(Language, 'load');
    const after = await c.compress(PY_SERVICE, { language: 'python' });
    expect(load).toHaveBeenCalledTimes(1);
    expect(after.compressed).toBe(before.compressed);
  });

  it('answers compressSync before warmup with grammar-not-loaded, and after it like compress', async () => {
    unloadTreeSitter();
    const c = compressor();
    expect(c.compressSync(GO_SERVICE, { language: 'go' })).toMatchObject({
      wasModified: false,
      reason: 'grammar-not-loaded',
      compressed: GO_SERVICE,
    });
    await c.warmup(['go']);
    expect(c.compressSync(GO_SERVICE, { language: 'go' }).compressed).toBe(
      (await c.compress(GO_SERVICE, { language: 'go' })).compressed,
    );
  });
});

describe('grammar files', () => {
  it('parses C with tree-sitter-c, and takes grammars from grammarDir first', () => {
    expect(grammarPath('c')).toMatch(/tree-sitter-wasms[\\/]out[\\/]tree-sitter-c\.wasm$/);
    expect(specForLanguage('c').grammar).toBe('c');
    const dir = mkdtempSync(join(tmpdir(), 'headroom-code-grammars-'));
    try {
      symlinkSync(grammarPath('cpp')!, join(dir, 'tree-sitter-go.wasm'));
      expect(grammarPath('go', dir)).toBe(join(dir, 'tree-sitter-go.wasm'));
      expect(grammarPath('python', dir)).toBe(grammarPath('python'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('warms up the grammars of all nine languages by default', async () => {
    unloadTreeSitter();
    await compressor().warmup();
    for (const language of CodeLanguage.options) {
      expect(loadedGrammar(specForLanguage(language).grammar)).toBeDefined();
    }
  });

  it('parses C with the C++ grammar when tree-sitter-c is not installed', () => {
    expect(specFor('c', false)).toMatchObject({ language: 'c', grammar: 'cpp' });
    expect(specFor('c', true)).toMatchObject({ language: 'c', grammar: 'c' });
  });
});
