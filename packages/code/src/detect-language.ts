import { CODE_LANGUAGE_EXTENSIONS, type CodeLanguage, fileExtension } from '@headroom/core';

/** How a language was chosen, and how sure that is. */
export interface LanguageDetection {
  language?: CodeLanguage;
  /** 1 for an explicit language, 0.95 for a file extension, else 1 − error nodes / lines of the parse. */
  confidence: number;
  source: 'hint' | 'option' | 'path' | 'content' | 'none';
}

/** The language of a file path's extension; `.h` is C unless the content looks like C++. */
export function languageFromPath(filePath: string, code = ''): CodeLanguage | undefined {
  const ext = fileExtension(filePath);
  const language = ext === undefined ? undefined : CODE_LANGUAGE_EXTENSIONS[ext];
  if (ext === 'h' && cppOnlyHits(code.split('\n', 200)) >= 2) return 'cpp';
  return language;
}

/** A language given by config hint, call option or file path, in that order; undefined to detect one. */
export function givenLanguage(
  code: string,
  opts: {
    hint?: CodeLanguage | undefined;
    language?: CodeLanguage | undefined;
    filePath?: string | undefined;
  },
): LanguageDetection | undefined {
  if (opts.hint) return { language: opts.hint, confidence: 1, source: 'hint' };
  if (opts.language) return { language: opts.language, confidence: 1, source: 'option' };
  const fromPath = opts.filePath === undefined ? undefined : languageFromPath(opts.filePath, code);
  return fromPath ? { language: fromPath, confidence: 0.95, source: 'path' } : undefined;
}

type Family = 'python' | 'ecmascript' | 'go' | 'rust' | 'java' | 'cfamily';

const FAMILY_LINES: Record<Family, RegExp> = {
  python:
    /^\s*(?:(?:async\s+)?def\s+\w+\s*\(|class\s+\w+\s*[(:]|import\s+[\w.]+(?:\s+as\s+\w+)?(?:\s*,\s*[\w.]+(?:\s+as\s+\w+)?)*\s*$|from\s+[.\w]+\s+import\s|elif\s.*:\s*$|except\b.*:\s*$|if\s+__name__\s*==|self\.\w+\s*=)/,
  ecmascript:
    /^\s*(?:(?:export\s+)?(?:default\s+)?(?:async\s+)?function\b|(?:export\s+)?(?:const|let|var)\s+[\w${}[\],\s]+=|.*=>|.*\brequire\(|module\.exports|export\s+(?:default|\{|\*)|import\s.+\sfrom\s+['"]|import\s+['"])/,
  go: /^\s*(?:package\s+\w+\s*$|func\s|import\s+(?:\(|")|.*:=|type\s+\w+\s+(?:struct|interface)\b|if\s+err\s*!=\s*nil|defer\s)/,
  rust: /^\s*(?:(?:pub(?:\([^)]*\))?\s+)?(?:(?:async|const|unsafe)\s+)*fn\s+\w+|let\s+mut\s|impl\b|use\s+[\w:]+::|(?:pub\s+)?(?:struct|enum|trait|mod)\s+\w+|#\[|.*\bmatch\s.*\{\s*$|.*::new\()/,
  java: /^\s*(?:(?:public|private|protected)\s+(?:static\s+)?(?:final\s+)?(?:abstract\s+)?(?:class|interface|enum|record)\b|import\s+(?:static\s+)?javax?\.|package\s+[\w.]+;|@Override\b|.*\bSystem\.(?:out|err)\.|(?:public|private|protected)\s+(?:static\s+)?(?:final\s+)?[\w<>[\],\s]+\s+\w+\s*\()/,
  cfamily:
    /^\s*(?:#\s*include\s*[<"]|#define\s+\w+|#\s*(?:ifn?def\s+\w+\s*$|endif\b|pragma\s)|.*\bstd::|template\s*<|(?:(?:static|inline|extern|const|unsigned)\s+)*(?:void|int|char|long|double|float|size_t|bool|struct\s+\w+)\s*\**\s+\**\w+\s*\(|typedef\s|struct\s+\w+\s*\{)/,
};
const TS_ONLY =
  /^\s*(?:(?:export\s+)?(?:declare\s+)?(?:interface|enum|namespace|abstract\s+class)\s+\w+|(?:export\s+)?type\s+\w+(?:<[^>]*>)?\s*=|import\s+type\b|.*\w\??\s*:\s*(?:string|number|boolean|any|unknown|void|never)\b|.*\b(?:private|public|protected|readonly)\s+\w+\s*[:;=(]|.*\bas\s+const\b)/;
const JSX = /<\/[A-Za-z][\w.]*>|\/>/;
const CPP_ONLY =
  /std::|template\s*<|\bnamespace\s+\w+|^\s*class\s+\w+|\b(?:public|private|protected)\s*:|\busing\s+namespace\b|#include\s*<\w+>\s*$/;

function cppOnlyHits(lines: readonly string[]): number {
  let hits = 0;
  for (const line of lines) if (CPP_ONLY.test(line)) hits++;
  return hits;
}

export interface Candidate {
  language: CodeLanguage;
  /** Lines of the first 200 matching the family's patterns. */
  score: number;
}

/**
 * Up to two languages the first 200 lines look like (each needs ≥ 3 matching lines), best first.
 * Within a family the pattern counts decide: TypeScript over JavaScript needs ≥ 2 TypeScript-only
 * lines, TSX additionally ≥ 2 JSX lines, C++ over C ≥ 2 C++-only lines.
 */
export function languageCandidates(code: string): Candidate[] {
  const lines = code.split('\n', 200);
  const scores = new Map<Family, number>();
  let tsOnly = 0;
  let jsx = 0;
  for (const line of lines) {
    const typescript = TS_ONLY.test(line);
    for (const family of Object.keys(FAMILY_LINES) as Family[]) {
      if (FAMILY_LINES[family].test(line) || (typescript && family === 'ecmascript')) {
        scores.set(family, (scores.get(family) ?? 0) + 1);
      }
    }
    if (typescript) tsOnly++;
    if (JSX.test(line)) jsx++;
  }
  const ranked = [...scores.entries()].filter(([, n]) => n >= 3).sort((a, b) => b[1] - a[1]);
  return ranked.slice(0, 2).map(([family, score]) => ({ language: familyLanguage(family), score }));

  function familyLanguage(family: Family): CodeLanguage {
    if (family === 'ecmascript') {
      if (tsOnly < 2) return 'javascript';
      return jsx >= 2 ? 'tsx' : 'typescript';
    }
    if (family === 'cfamily') return cppOnlyHits(lines) >= 2 ? 'cpp' : 'c';
    return family;
  }
}
