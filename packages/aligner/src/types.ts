import type { MessagesInput } from '@headroom/core';

export type SpanCategory =
  | 'date'
  | 'datetime'
  | 'time'
  | 'epoch'
  | 'uuid'
  | 'hash'
  | 'jwt'
  | 'labelled-id'
  | 'custom';

/** `statement`: a whole line or sentence moved verbatim; `inline`: a value replaced by a placeholder. */
export type SpanForm = 'statement' | 'inline';

/** A dynamic value the aligner moved (or, in detect mode, would move) out of the system prompt. */
export interface DynamicSpan {
  /** Entry index of the system slot (-1 = Anthropic `system` / Responses `instructions`). */
  entry: number;
  /** Index of the slot within its entry's slots. */
  slot: number;
  /** Offsets into the slot's original text. */
  start: number;
  end: number;
  text: string;
  category: SpanCategory;
  form: SpanForm;
  /** `[dynamic-N]`, for inline spans. */
  placeholder?: string;
}

export interface AlignResult<I extends MessagesInput = MessagesInput> {
  /** Same kind as the input; the input itself when nothing changed. */
  messages: I;
  /** `contentHash` of the stable system text (24 hex). */
  stablePrefixHash: string;
  stablePrefixTokens: number;
  stablePrefixBytes: number;
  prefixChanged: boolean;
  previousHash?: string;
  spans: DynamicSpan[];
  /** Effective mode of this call: `detect` when configured, disabled, or degraded. */
  mode: 'rewrite' | 'detect';
  modified: boolean;
  alignmentScore: number;
  warnings: string[];
}
