import type { CacheAlignerConfigInput } from '@headroom/core';
import { analyzeSystem, toDynamicSpan } from './analyze.js';
import { compiledFor } from './compiled-config.js';
import type { DynamicSpan } from './types.js';

/**
 * The dynamic spans of one text, exactly as the aligner would find them in a system prompt (an
 * aligner tail already in the text is skipped). `entry` and `slot` are 0.
 */
export function detectDynamic(text: string, config?: CacheAlignerConfigInput): DynamicSpan[] {
  return analyzeSystem([text], compiledFor(config)).spans.map((s) => toDynamicSpan(s, 0, 0));
}
