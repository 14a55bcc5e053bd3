import type { CodeLanguage } from '@headroom/core';
import type { Tree } from 'web-tree-sitter';
import type { Candidate, LanguageDetection } from './detect-language.js';
import { type Grammar, loadedGrammar, parse, specForLanguage } from './grammars.js';
import type { GrammarName, LanguageSpec } from './languages/index.js';
import { parseErrors } from './syntax-errors.js';
import type { CodeCompressionReason } from './types.js';

/** Detection rejects a language whose parse has more than one error node per ten lines. */
const MIN_CONFIDENCE = 0.9;

/** A text parsed in the language it was given or detected in; the caller deletes the tree. */
export interface ParsedSource {
  tree: Tree;
  spec: LanguageSpec;
  grammar: Grammar;
  detection: LanguageDetection;
}

/** The grammars a given language, or the candidates of detection, need loaded. */
export function grammarsFor(
  given: LanguageDetection | undefined,
  candidates: readonly Candidate[],
  grammarDir?: string,
): GrammarName[] {
  const languages: CodeLanguage[] = given?.language ? [given.language] : candidates.map((c) => c.language);
  return [...new Set(languages.map((l) => specForLanguage(l, grammarDir).grammar))];
}

/** Parses `text` in the given language, or the best candidate, with loaded grammars only. */
export function parseSource(
  text: string,
  given: LanguageDetection | undefined,
  candidates: readonly Candidate[],
  grammarDir?: string,
): ParsedSource | CodeCompressionReason {
  if (given?.language) {
    const spec = specForLanguage(given.language, grammarDir);
    const grammar = loadedGrammar(spec.grammar, grammarDir);
    if (!grammar) return 'grammar-not-loaded';
    const tree = parse(grammar, text);
    return tree ? { tree, spec, grammar, detection: given } : 'parse-timeout';
  }
  const loaded = candidates.filter((c) =>
    loadedGrammar(specForLanguage(c.language, grammarDir).grammar, grammarDir),
  );
  if (loaded.length === 0) return 'grammar-not-loaded';
  return parseCandidates(text, loaded, grammarDir) ?? 'unsupported-language';
}

/** Parses each candidate; the fewest error nodes wins (ties: the better pattern score). */
export function parseCandidates(
  text: string,
  candidates: readonly Candidate[],
  grammarDir?: string,
): ParsedSource | undefined {
  const lines = Math.max(1, text.split('\n').length);
  let best: (ParsedSource & { errors: number }) | undefined;
  for (const c of candidates) {
    const spec = specForLanguage(c.language, grammarDir);
    const grammar = loadedGrammar(spec.grammar, grammarDir);
    const tree = grammar ? parse(grammar, text) : null;
    if (!grammar || !tree) continue;
    const errors = parseErrors(tree.rootNode, lines).length;
    if (best && best.errors <= errors) {
      tree.delete();
      continue;
    }
    best?.tree.delete();
    const confidence = Math.max(0, 1 - errors / lines);
    best = {
      tree,
      spec,
      grammar,
      errors,
      detection: { language: c.language, confidence, source: 'content' },
    };
  }
  if (best && best.detection.confidence < MIN_CONFIDENCE) {
    best.tree.delete();
    return undefined;
  }
  return best;
}
