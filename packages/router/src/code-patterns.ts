import type { CodeLanguage } from '@headroom/core';

/**
 * Line patterns that say "this is source code in language L". Each list holds only lines that are
 * characteristic of its language (no bare `;` or braces, which every C-family language shares);
 * TypeScript includes JavaScript's, so it wins only with TypeScript-only syntax. Ties go to the
 * earlier language, so JavaScript, whose syntax others borrow most, comes last but for TypeScript.
 */
const JAVASCRIPT = [
  /^\s*(?:const|var)\s+[\w${}[\], ]+\s*=|^\s*let\s+[\w$]+\s*=.*;\s*$/,
  /\bfunction\b\s*\*?\s*[\w$]*\s*\(/,
  /\)\s*=>\s*[{(]|\b[\w$]+\s*=>\s/,
  /\brequire\(\s*['"]/,
  /^\s*(?:import\s.+\sfrom\s+['"]|import\s+['"]|export\s+(?:default|const|function|class|async|\{|\*))/,
  /\bmodule\.exports\b|\bexports\.\w+\s*=/,
  /\bconsole\.(?:log|error|warn)\(|\bawait\s|\b(?:undefined|null)\b.*[;,)]\s*$/,
  /===|!==/,
];

const TYPESCRIPT_ONLY = [
  /^\s*(?:export\s+)?(?:interface|type)\s+\w+(?:<[^>]*>)?\s*(?:=|\{|extends)/,
  /[\w)\]?]\s*:\s*(?:string|number|boolean|void|unknown|any|never|Promise<|Record<|readonly\s)/,
  /^\s*(?:public|private|protected|readonly)\s+(?:readonly\s+)?[\w$]+\??\s*[:(=]/,
  /\bas\s+(?:const|unknown|string|number|any)\b/,
  /^\s*(?:export\s+)?(?:declare|abstract|enum|namespace)\s/,
  /<[A-Z]\w*(?:\[\])?>\(/,
];

const PATTERN_LISTS: ReadonlyArray<readonly [CodeLanguage, readonly RegExp[]]> = [
  [
    'python',
    [
      /^\s*(?:async\s+)?def\s+\w+\s*\(.*\)?\s*(?:->.*)?:?\s*$/,
      /^\s*class\s+\w+\s*(?:\(.*\))?\s*:\s*$/,
      /^\s*(?:from\s+[\w.]+\s+import\s|import\s+[\w.]+(?:\s+as\s+\w+)?\s*(?:,\s*[\w.]+\s*)*$)/,
      /^\s*(?:if|elif|while|for|with|try|except|finally|else)\b.*:\s*(?:#.*)?$/,
      /^\s*@[\w.]+(?:\(.*)?$/,
      /\bself\.\w+/,
      /^\s*(?:return|raise|yield|pass|continue|break)\b(?!.*;\s*$)/,
      /^\s*"""|'''/,
      /\bNone\b|\bTrue\b|\bFalse\b/,
    ],
  ],
  [
    'go',
    [
      /^package\s+\w+\s*$/,
      /^func\s+(?:\([^)]*\)\s*)?\w+\s*\(/,
      /\w\s*:=\s*/,
      /^import\s+(?:\(|")/,
      /\bfmt\.\w+\(/,
      /\berr\s*!=\s*nil\b/,
      /^\s*type\s+\w+\s+(?:struct|interface)\s*\{/,
      /\bgo\s+func\b|\bchan\s+\w|\bdefer\s/,
      /^\s*(?:if|for|switch)\s+[^(].*\{\s*$/,
    ],
  ],
  [
    'rust',
    [
      /^\s*(?:pub(?:\([\w:]+\))?\s+)?(?:async\s+)?fn\s+\w+/,
      /\blet\s+(?:mut\s+)?\w+(?:\s*:\s*[\w<>&]+)?\s*=/,
      /^\s*use\s+[\w:{}, *]+;\s*$/,
      /^\s*(?:pub\s+)?(?:impl|trait|struct|enum|mod)\b/,
      /&(?:mut\s+)?self\b/,
      /^\s*#\[[\w(, =")]+\]\s*$/,
      /\b(?:Some|Ok|Err)\(|\bNone\b|\bunwrap\(\)|\?;\s*$/,
      /\w+!\(/,
      /^\s*match\s.+\{\s*$|=>\s/,
    ],
  ],
  [
    'java',
    [
      /^\s*(?:(?:public|private|protected|static|final|abstract|synchronized)\s+)+[\w<>[\], ]+\s+\w+\s*\(/,
      /^package\s+[\w.]+;\s*$/,
      /^import\s+(?:static\s+)?[\w.]+(?:\.\*)?;\s*$/,
      /\bSystem\.(?:out|err)\.\w+\(/,
      /^\s*@(?:Override|Test|Deprecated|SuppressWarnings|Autowired|Nullable)\b/,
      /^\s*(?:public\s+|final\s+|abstract\s+)*(?:class|interface|enum|record)\s+\w+.*\{\s*$/,
      /\bnew\s+[A-Z]\w*(?:<[^>]*>)?\(/,
      /\bthrows\s+\w+/,
      /^\s*(?:(?:private|protected|public|static|final|transient|volatile)\s+)+[\w<>[\], ?]+\s+\w+\s*(?:=|;)/,
    ],
  ],
  [
    'c',
    [
      /^\s*#\s*(?:include\s*[<"]|define\s|ifn?def\s|endif\b|pragma\s)/,
      /^\s*(?:static\s+|extern\s+|inline\s+|const\s+)*(?:void|int|char|long|short|unsigned|double|float|size_t|struct\s+\w+|[a-z_]\w*_t)\s*\**\s*\w+\s*\(/,
      /\b(?:printf|fprintf|malloc|free|memcpy|sizeof|strlen)\s*\(/,
      /\w->\w/,
      /^\s*(?:typedef\s+)?struct\s+\w*\s*\{/,
      /\bNULL\b/,
    ],
  ],
  [
    'cpp',
    [
      /^\s*#\s*(?:include\s*[<"]|define\s|ifn?def\s|endif\b|pragma\s)/,
      /\bstd::\w+/,
      /^\s*(?:template\s*<|namespace\s+\w+|using\s+namespace\s)/,
      /\b(?:nullptr|constexpr|noexcept|override)\b/,
      /^\s*(?:class|struct)\s+\w+(?:\s*:\s*(?:public|private|protected)\s+\w+)?\s*\{?\s*$/,
      /\w::\w+\s*\(/,
      /\w->\w/,
      /\b(?:cout|cerr|endl)\b/,
    ],
  ],
  ['javascript', JAVASCRIPT],
  ['typescript', [...JAVASCRIPT, ...TYPESCRIPT_ONLY]],
];

/** One alternation per language: a single test per line and language. */
export const LANGUAGE_PATTERNS: ReadonlyArray<readonly [CodeLanguage, RegExp]> = PATTERN_LISTS.map(
  ([language, list]) => [language, new RegExp(list.map((r) => `(?:${r.source})`).join('|'))] as const,
);

/**
 * Statement-shaped lines any of these languages has (`;` endings, lone braces, control keywords,
 * assignments, calls): they do not say which language, only that the text is code.
 */
export const GENERIC_CODE_LINE =
  /;\s*$|^\s*[{}()[\]]+[;,)]*\s*$|^\s*\}?\s*else\b|^\s*(?:if|for|while|switch|return|case|break|continue|try|catch|except|raise|throw)\b|^\s*[\w.$]+\s*(?:=|\+=|-=|:=)\s*\S|^\s*[\w.$<>*&]+(?:\s+[\w.$<>*&]+)*\s*\(.*\)\s*[;{:]?\s*$/;
