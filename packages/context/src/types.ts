import type { AnyMessage, MessagesInput, TransformContext, TransformResult, UnitKind } from '@headroom/core';

/** Per-call options of both managers: the pipeline's context plus the seed's `maxTokens`. */
export type WindowOptions = Partial<TransformContext> & { maxTokens?: number };

/** One unit (a message, or a tool call with all its results) that left the conversation. */
export interface DroppedUnit {
  /** The unit's id in `viewOf(input).units`. */
  unit: number;
  kind: UnitKind;
  /** Its wire messages, as indexes of the input. */
  wireIndexes: number[];
  tokens: number;
  /** Importance score (IntelligentContextManager only). */
  score?: number;
  /** Tools whose results were dropped, in order of first appearance. */
  toolNames: string[];
}

/**
 * The result as wire-index operations on the input, so a proxy can apply it as splice edits:
 * replace (compress-first only), then drop, then insert the marker before input index `at`.
 */
export interface DropPlan {
  drop: number[];
  insert?: { at: number; message: AnyMessage };
  replace?: { index: number; message: AnyMessage }[];
}

export interface WindowResult<I extends MessagesInput = MessagesInput> extends TransformResult<I> {
  tokensBefore: number;
  tokensAfter: number;
  budget: number;
  dropped: DroppedUnit[];
  /** True when the protected content alone does not fit: every droppable unit is gone and it still exceeds the budget. */
  overBudget: boolean;
  plan: DropPlan;
}

export type IcmStrategy = 'none' | 'compress_first' | 'drop_by_score';

/** Factor breakdown of one unit's importance (each factor in [0, 1]). */
export interface UnitScore {
  unit: number;
  total: number;
  recency: number;
  semantic: number;
  toin: number;
  error: number;
  forwardReference: number;
  density: number;
}

export interface IcmResult<I extends MessagesInput = MessagesInput> extends WindowResult<I> {
  strategy: IcmStrategy;
  /** With `explain: true`: every droppable unit's score, in drop order (lowest importance per token first). */
  scores?: UnitScore[];
}

export type IcmOptions = WindowOptions & { explain?: boolean };
