import { type CodeLanguage, MemoryCcrStore } from '@headroom/core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { CodeAwareCompressor } from './code-compressor.js';
import { GO_SERVICE, JS_MODULE, PY_SERVICE, TS_MODULE } from './test-utils/samples.js';
import { inspect } from './test-utils/structure.js';

const compressor = new CodeAwareCompressor({}, { store: new MemoryCcrStore() });

beforeAll(async () => {
  await compressor.warmup(['python', 'javascript', 'typescript', 'go']);
});

describe('files that do not parse', () => {
  it('compress around a syntax error, leaving its function whole and adding no error node', async () => {
    const broken = PY_SERVICE.replace('    data = json.loads(raw)', '    data = json.loads(raw))');
    const result = await compressor.compress(broken, { language: 'python' });
    expect(result.wasModified).toBe(true);
    expect(result.syntaxValid).toBe(false);
    const start = broken.indexOf('def parse_config');
    expect(result.compressed).toContain(broken.slice(start, broken.indexOf('\n\n\n', start)));
    const report = await inspect('python', broken, result.compressed);
    expect(report.inputErrors).toBeGreaterThan(0);
    expect(report.newErrors).toBe(0);
  });

  it('pass through as parse-errors when the grammar does not fit at all', async () => {
    const result = await compressor.compress(TS_MODULE, { language: 'python' });
    expect(result).toMatchObject({ wasModified: false, reason: 'parse-errors', compressed: TS_MODULE });
  });
});

describe('inputs no line elision can help', () => {
  it('leaves a minified one-line bundle alone without parsing it', async () => {
    const bundle = `!function(){${Array.from({ length: 4000 }, (_, i) => `var a${i}=function(b){return b*${i}};`).join('')}}();`;
    const started = performance.now();
    const result = await compressor.compress(bundle, { language: 'javascript' });
    expect(result).toMatchObject({ wasModified: false, reason: 'minified', compressed: bundle });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('leaves a 5 MB generated file alone without tokenizing it', async () => {
    const row = (i: number) =>
      `export const ENTRY_${i} = { id: ${i}, name: "entry ${i}", weight: ${(i * 7) % 101} };\n`;
    let generated = '';
    for (let i = 0; generated.length < 5 * 1024 * 1024; i++) generated += row(i);
    const started = performance.now();
    const result = await compressor.compress(generated, { language: 'typescript' });
    expect(result).toMatchObject({ wasModified: false, reason: 'too-large', tokensBefore: 0 });
    expect(result.compressed).toBe(generated);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('names unknown languages', async () => {
    const result = await compressor.compress(PY_SERVICE, { language: 'cobol' as CodeLanguage });
    expect(result).toMatchObject({ wasModified: false, reason: 'unsupported-language' });
  });
});

describe('encodings and line endings', () => {
  it('keeps CRLF line endings on kept and inserted lines', async () => {
    const crlf = PY_SERVICE.replace(/\n/g, '\r\n');
    const result = await compressor.compress(crlf, { language: 'python' });
    expect(result.wasModified).toBe(true);
    expect(result.syntaxValid).toBe(true);
    expect(
      result.compressed
        .split('\n')
        .slice(0, -1)
        .every((line) => line.endsWith('\r')),
    ).toBe(true);
  });

  it('handles replacement characters, lone surrogates, a BOM and NUL bytes without throwing', async () => {
    const variants = [
      `\uFEFF${GO_SERVICE}`,
      GO_SERVICE.replace('user not found', 'utilisateur \uFFFD\uFFFDintrouvable'),
      GO_SERVICE.replace('user not found', 'broken \uD800 surrogate'),
      GO_SERVICE.replace('// Store reads and writes users.', '// Store\u0000reads'),
      `${JS_MODULE.slice(0, 600)}\n${GO_SERVICE}`,
    ];
    const modified: boolean[] = [];
    for (const code of variants) {
      const result = await compressor.compress(code, { language: 'go' });
      modified.push(result.wasModified);
      if (!result.wasModified) {
        expect(result.compressed).toBe(code);
        expect(result.reason).toBeDefined();
        continue;
      }
      expect((await inspect('go', code, result.compressed)).newErrors).toBe(0);
    }
    // Text the Go grammar cannot read (half a JavaScript file on top) passes through; the rest compresses.
    expect(modified).toEqual([true, true, true, true, false]);
  });
});

describe('fail-open', () => {
  it('never throws on arbitrary text, and returns the input whenever it changes nothing', async () => {
    const token = fc.constantFrom(
      'def ',
      'function ',
      '{',
      '}',
      '(',
      ')',
      ':',
      '\n',
      '    ',
      'return ',
      'x',
      ';',
      '"',
      "'",
      '#',
      '//',
      '/*',
      '\t',
      'é',
      '\uD83D',
    );
    const languages = fc.constantFrom<CodeLanguage | undefined>(
      'python',
      'javascript',
      'typescript',
      'go',
      undefined,
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(token, { minLength: 0, maxLength: 400 }),
        languages,
        async (tokens, language) => {
          const code = tokens.join('');
          const c = new CodeAwareCompressor({ minTokensForCompression: 0 }, { store: new MemoryCcrStore() });
          const result = await c.compress(code, language ? { language } : {});
          expect(typeof result.compressed).toBe('string');
          if (!result.wasModified) expect(result.compressed).toBe(code);
          else expect(result.ccrHash).toBeDefined();
        },
      ),
      { numRuns: 150 },
    );
  });
});
