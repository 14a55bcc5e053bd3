import { MemoryCcrStore, parseMarkers } from '@headroom/core';
import { describe, expect, it } from 'vitest';
import { CodeAwareCompressor } from './code-compressor.js';
import { stripLineNumbers } from './line-numbers.js';
import { PY_SERVICE, TS_MODULE } from './test-utils/samples.js';

const number = (code: string, sep: '\t' | '→', first = 1) =>
  code
    .split('\n')
    .map((line, i) => `${String(first + i).padStart(6)}${sep}${line}`)
    .join('\n');

describe('stripLineNumbers', () => {
  it('splits off consecutive cat -n and arrow prefixes', () => {
    expect(stripLineNumbers('     7\ta = 1\n     8\tb = 2\n     9\t\n    10\tc = 3\n')).toEqual({
      code: 'a = 1\nb = 2\n\nc = 3\n',
      prefixes: ['     7\t', '     8\t', '     9\t', '    10\t'],
      trailingNewline: true,
    });
    expect(stripLineNumbers('  1→x\n  2→y\n  3→z')?.code).toBe('x\ny\nz');
  });

  it('ignores text that is not numbered read output', () => {
    expect(stripLineNumbers('1\tone\n3\tthree\n4\tfour\n5\tfive')).toBeUndefined();
    expect(stripLineNumbers('a\nb\nc\n1\tx')).toBeUndefined();
    expect(stripLineNumbers('1\tx\n2\ty')).toBeUndefined();
  });
});

describe('compressing line-numbered read output', () => {
  for (const sep of ['\t', '→'] as const) {
    it(`keeps each kept line's own number (${JSON.stringify(sep)} separator)`, async () => {
      const input = number(PY_SERVICE, sep, 40);
      const result = await new CodeAwareCompressor({}, { store: new MemoryCcrStore() }).compress(input, {
        language: 'python',
      });
      expect(result.wasModified).toBe(true);
      const inputLines = new Set(input.split('\n'));
      for (const line of result.compressed.split('\n')) {
        const numbered = /^ *\d+(?:\t|→)/.test(line);
        // Our lines carry no number, so the gaps in the numbering show what was omitted.
        expect(numbered ? inputLines.has(line) : /^\s*(# \[|"""|# <<ccr:)/.test(line)).toBe(true);
      }
      const row = 40 + PY_SERVICE.split('\n').indexOf('def parse_config(raw: str) -> Config:');
      expect(result.compressed).toContain(
        `${String(row).padStart(6)}${sep}def parse_config(raw: str) -> Config:`,
      );
      expect(parseMarkers(result.compressed)[0]!.total).toBe(PY_SERVICE.split('\n').length);
    });
  }

  it('detects the language of numbered TypeScript by its path', async () => {
    const result = await new CodeAwareCompressor({}, { store: new MemoryCcrStore() }).compress(
      number(TS_MODULE, '→'),
      {
        filePath: 'src/jobs/queue.ts',
      },
    );
    expect(result).toMatchObject({ wasModified: true, language: 'typescript', syntaxValid: true });
  });
});
