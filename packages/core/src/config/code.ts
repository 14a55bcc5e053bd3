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
