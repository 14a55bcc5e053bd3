export { DiffCompressor } from './diff-compressor.js';
export type { LineCompressOptions, LineCompressorDeps } from './line-compressor.js';
export { LogCompressor } from './log-compressor.js';
export { SearchCompressor } from './search-compressor.js';
export { TextCompressor } from './text-compressor.js';
export type { TextCompressionResult } from './text-result.js';
