import { between, type Random, seeded } from '../../prng.js';
import type { ContentCase } from '../case.js';
import { ident, words } from './words.js';

/** Statement bodies long enough that a code-aware compressor has something to elide. */
function body(rand: Random, lines: number, indent: string, py: boolean): string[] {
  return Array.from({ length: lines }, (_, i) => {
    const name = `${ident(rand)}${i}`;
    return py
      ? `${indent}${name} = ${ident(rand)}(${between(rand, 1, 99)}, "${words(rand, 2)}")`
      : `${indent}const ${name} = ${ident(rand)}(${between(rand, 1, 99)}, '${words(rand, 2)}');`;
  });
}

function javascript(rand: Random, functions: number): ContentCase {
  const signatures: string[] = [];
  const lines = ["import { readFile } from 'node:fs/promises';", ''];
  for (let f = 0; f < functions; f++) {
    const sig = `export async function ${ident(rand)}${f}(input, options = {})`;
    signatures.push(sig);
    const locals = body(rand, between(rand, 6, 14), '  ', false);
    lines.push(
      `/** ${words(rand, 8)}. */`,
      `${sig} {`,
      ...locals,
      `  return { input, options, size: ${locals.length} };`,
      '}',
      '',
    );
  }
  lines.push(`function ${'helper'}(x) {`, '  return readFile(x, "utf8");', '}');
  return {
    id: `code-js-${functions}`,
    kind: 'code: JavaScript',
    origin: 'seeded',
    text: lines.join('\n'),
    mustKeep: signatures,
    validity: 'javascript',
    toolName: 'Read',
    filePath: `src/generated-${functions}.mjs`,
  };
}

function python(rand: Random, functions: number): ContentCase {
  const signatures: string[] = [];
  const lines = ['import os', '', '', `class ${ident(rand).replace(/^./, (c) => c.toUpperCase())}:`];
  for (let f = 0; f < functions; f++) {
    const sig = `def ${ident(rand)}_${f}(self, path, retries=3):`;
    signatures.push(sig);
    const locals = body(rand, between(rand, 6, 14), '        ', true);
    lines.push(
      `    ${sig}`,
      `        """${words(rand, 8)}."""`,
      ...locals,
      '        return os.path.join(path, str(retries))',
      '',
    );
  }
  return {
    id: `code-py-${functions}`,
    kind: 'code: Python',
    origin: 'seeded',
    text: lines.join('\n'),
    mustKeep: signatures,
    validity: 'python',
    toolName: 'Read',
    filePath: `src/generated_${functions}.py`,
  };
}

export function codeCases(seed: number): ContentCase[] {
  const rand = seeded(seed);
  return [javascript(rand, 30), python(rand, 30)];
}
