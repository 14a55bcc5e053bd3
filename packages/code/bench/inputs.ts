import { readFileSync } from 'node:fs';
import type { CodeLanguage } from '@headroom/core';
import { loadGrammar, parse, specForLanguage } from '../src/grammars.js';
import { SourceLines } from '../src/source-lines.js';
import { corpus } from '../src/test-utils/corpus.js';

/** Where each tier-1 language's benchmark input comes from (real files; TSX has only the fixture). */
const SOURCES: Record<string, (name: string) => boolean> = {
  python: () => true,
  javascript: (name) => name === 'fast-check/lib/fast-check.js',
  typescript: () => true,
  tsx: () => true,
};

/**
 * About `lines` lines of real code: whole corpus files concatenated in a fixed order (repeated
 * when the corpus is smaller), cut after the last top-level statement that ends by that line.
 */
export async function realCode(
  language: CodeLanguage,
  lines: number,
): Promise<{ code: string; source: string }> {
  const files = corpus(language).filter((f) => SOURCES[language]!(f.name));
  const texts = files.map((f) => readFileSync(f.path, 'utf8').replace(/\n?$/, '\n'));
  let code = '';
  for (let i = 0; code.split('\n').length <= lines * 1.5 && i < texts.length * 50; i++)
    code += texts[i % texts.length]!;
  const grammar = await loadGrammar(specForLanguage(language).grammar);
  const tree = parse(grammar, code)!;
  const src = new SourceLines(code);
  let end = 0;
  for (const child of tree.rootNode.children) {
    if (child && src.lastRowOf(child.startIndex, child.endIndex) < lines) end = child.endIndex;
  }
  tree.delete();
  const names = files.map((f) => f.name);
  const source =
    names.length > 3 ? `${names.slice(0, 2).join(', ')} and ${names.length - 2} more` : names.join(', ');
  return { code: `${code.slice(0, end)}\n`, source };
}
