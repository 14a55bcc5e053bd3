import type { CcrSink, CodeLanguage, Tokenizer } from '@headroom/core';

export type CodeCompressionReason =
  | 'too-small'
  | 'too-large'
  | 'minified'
  | 'ccr-disabled'
  | 'unsupported-language'
  | 'tree-sitter-unavailable'
  | 'grammar-not-loaded'
  | 'parse-errors'
  | 'parse-timeout'
  | 'invalid-output'
  | 'no-gain'
  | 'already-compressed'
  | 'error';

export interface CodeCompressionResult {
  compressed: string;
  original: string;
  wasModified: boolean;
  language?: CodeLanguage;
  languageConfidence: number;
  tokensBefore: number;
  tokensAfter: number;
  /** tokensAfter / tokensBefore: the share kept (1 when unchanged). */
  compressionRatio: number;
  /** The returned code was parsed and has no ERROR or MISSING node (false when it was never parsed). */
  syntaxValid: boolean;
  /** Names of the functions whose bodies were elided, in source order. */
  bodiesCompressed: string[];
  ccrHash?: string;
  /** Why the input came back unchanged. */
  reason?: CodeCompressionReason;
}

export interface CompressOptions {
  language?: CodeLanguage;
  query?: string;
  filePath?: string;
}

export interface CodeCompressorDeps {
  /** Where originals go; `null` means no CCR, so nothing may be elided. Default: core's shared store. */
  store?: CcrSink | null;
  /** Default: `getTokenizer()` (o200k). */
  tokenizer?: Tokenizer;
  /** A folder of `tree-sitter-<language>.wasm` grammars preferred over the bundled ones. */
  grammarDir?: string;
}
