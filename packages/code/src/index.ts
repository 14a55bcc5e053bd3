export type { CodeCompressorConfigInput, CodeLanguage, DocstringMode } from '@headroom/core';
export { CodeCompressorConfig } from '@headroom/core';
export { CodeAwareCompressor } from './code-compressor.js';
export { type LanguageDetection, languageFromPath } from './detect-language.js';
export { isTreeSitterAvailable, unloadTreeSitter } from './grammars.js';
export type {
  CodeCompressionReason,
  CodeCompressionResult,
  CodeCompressorDeps,
  CompressOptions,
} from './types.js';
