import type { CodeLanguage } from '@headroom/core';
import { c, cOnCppGrammar } from './c.js';
import { cpp } from './cpp.js';
import { go } from './go.js';
import { java } from './java.js';
import { javascript } from './javascript.js';
import { python } from './python.js';
import { rust } from './rust.js';
import type { LanguageSpec } from './spec.js';
import { tsx, typescript } from './typescript.js';

export type { GrammarName, LanguageSpec } from './spec.js';

const SPECS: Record<CodeLanguage, LanguageSpec> = {
  python,
  javascript,
  typescript,
  tsx,
  go,
  rust,
  java,
  c,
  cpp,
};

/** The spec of a language; C falls back to the C++ grammar when tree-sitter-c is not installed. */
export function specFor(language: CodeLanguage, cGrammarAvailable = true): LanguageSpec {
  return language === 'c' && !cGrammarAvailable ? cOnCppGrammar : SPECS[language];
}
