import type { LinguaContentType } from './content-type.js';

/**
 * Why a call returned its input unchanged. Beyond the spec's list: `aborted` (the caller's signal,
 * as opposed to our own deadline) and `ccr-disabled` (`enableCcr: false`, no lossy step without a store).
 */
export type LinguaReason =
  | 'too-small'
  | 'already-compressed'
  | 'model-unavailable'
  | 'timeout'
  | 'aborted'
  | 'busy'
  | 'no-gain'
  | 'ccr-disabled'
  | 'error';

export interface LinguaResult {
  compressed: string;
  original: string;
  wasModified: boolean;
  contentType: LinguaContentType;
  /** The requested keep rate. */
  rate: number;
  /** tokensAfter / tokensBefore (1 when unchanged). */
  achievedRate: number;
  /** Headroom tokenizer counts; `tokensAfter` includes the CCR marker line. */
  tokensBefore: number;
  tokensAfter: number;
  model: string;
  /** Set iff something was dropped: the CCR key of `original`. */
  ccrHash?: string;
  /** Set iff nothing was dropped. */
  reason?: LinguaReason;
}

export function unchanged(
  text: string,
  reason: LinguaReason,
  meta: { contentType: LinguaContentType; rate: number; tokens: number; model: string },
): LinguaResult {
  return {
    compressed: text,
    original: text,
    wasModified: false,
    contentType: meta.contentType,
    rate: meta.rate,
    achievedRate: 1,
    tokensBefore: meta.tokens,
    tokensAfter: meta.tokens,
    model: meta.model,
    reason,
  };
}
