export {
  AlignerMode,
  AlignerPlacement,
  CacheAlignerConfig,
  type CacheAlignerConfigInput,
} from '@headroom/core';
export { CacheAligner, type CacheAlignerDeps } from './cache-aligner.js';
export { detectDynamic } from './detect-dynamic.js';
export { IDENTIFIER_LABELS, TEMPORAL_LABELS } from './labels.js';
export { stablePrefixHash } from './stable-prefix-hash.js';
export { hasAlignerTail } from './tail.js';
export type { AlignResult, DynamicSpan, SpanCategory, SpanForm } from './types.js';
