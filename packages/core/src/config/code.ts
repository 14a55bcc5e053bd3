import { z } from 'zod';
import { mib, nonNegativeInt, positiveInt, ratio } from './shared.js';

// Declared in core so the router can name them without depending on @headroom/code.
export const CodeLanguage = z.enum([
  'python',
  'javascript',
  'typescript',
  'tsx',
  'go',
  'rust',
  'java',
  'c',
  'cpp',
]);
export type CodeLanguage = z.output<typeof CodeLanguage>;

/** File extensions of the supported languages (`.h` is C; callers may look closer). */
export const CODE_LANGUAGE_EXTENSIONS: Readonly<Record<string, CodeLanguage>> = {
  py: 'python',
  pyi: 'python',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'javascript',
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  tsx: 'tsx',
  go: 'go',
  rs: 'rust',
  java: 'java',
  c: 'c',
  h: 'c',
  cc: 'cpp',
  cpp: 'cpp',
  cxx: 'cpp',
  hpp: 'cpp',
  hh: 'cpp',
  hxx: 'cpp',
};

/** The extension of a file path, lower-cased, without the dot. */
export function fileExtension(path: string): string | undefined {
  return /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase();
}

export const DocstringMode = z.enum(['full', 'first-line', 'remove']);
export type DocstringMode = z.output<typeof DocstringMode>;

export const CodeCompressorConfig = z
  .object({
    // false: import blocks > 10 lines keep 3 lines + an elision comment.
    preserveImports: z.boolean().default(true),
    // false: private, unreferenced functions collapse to one comment line.
    preserveSignatures: z.boolean().default(true),
    preserveTypeAnnotations: z.boolean().default(true),
    preserveErrorHandlers: z.boolean().default(true),
    preserveDecorators: z.boolean().default(true),
    docstringMode: DocstringMode.default('first-line'),
    // Fraction of lines to keep (seed).
    targetCompressionRate: ratio.default(0.2),
    maxBodyLines: nonNegativeInt.default(5),
    minTokensForCompression: nonNegativeInt.default(100),
    languageHint: CodeLanguage.optional(),
    // Honoured by the router, not by the code compressor.
    fallbackToLlmlingua: z.boolean().default(true),
    // false ⇒ passthrough: bodies are never elided without a store.
    enableCcr: z.boolean().default(true),
    // Comment runs (licence headers) at least this long keep 2 lines.
    collapseCommentBlocks: positiveInt.default(12),
    // Functions named in the query keep their whole body.
    keepQueryMatches: z.boolean().default(true),
    // Larger inputs pass through.
    maxInputBytes: positiveInt.default(mib(2)),
  })
  .strict();
export type CodeCompressorConfig = z.output<typeof CodeCompressorConfig>;
export type CodeCompressorConfigInput = z.input<typeof CodeCompressorConfig>;
