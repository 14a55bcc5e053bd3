import { fieldHash, isJsonObject, type ToinAdvisor, valueHash } from '@headroom/core';
import type { ItemBatch } from './entry-features.js';

/** The most items of a batch checked for important error values. */
const MAX_ITEMS = 100;

export interface ToinSignal {
  /** 0.5 + 0.5·retrievalRate + min(0.1, 0.02·commonly retrieved fields), capped at 1; 0.5 when unknown. */
  importance: number;
  /** With a confident pattern: whether an item holds an important value of an error_indicator field. */
  learnedError?: boolean;
}

const NEUTRAL: ToinSignal = { importance: 0.5 };
const unit01 = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

/**
 * What TOIN has learned about a unit's tool outputs, from the confident patterns of their
 * structure signatures. A unit's outputs share one verdict: the highest importance, and an error
 * when any of them holds one.
 */
export function toinSignal(
  toin: ToinAdvisor,
  batches: readonly ItemBatch[],
  minConfidence: number,
): ToinSignal {
  let signal = NEUTRAL;
  for (const { signature, items } of batches) {
    const pattern = toin.pattern(signature);
    if (!pattern || !(pattern.confidence >= minConfidence)) continue;
    const importance = Math.min(
      1,
      0.5 +
        0.5 * unit01(pattern.retrievalRate) +
        Math.min(0.1, 0.02 * pattern.commonlyRetrievedFields.length),
    );
    const errorFields = new Set(
      Object.entries(pattern.fieldSemantics)
        .filter(([, s]) => s.inferredType === 'error_indicator')
        .map(([field]) => field),
    );
    const learnedError =
      (signal.learnedError ?? false) || hasImportantError(toin, signature, items, errorFields);
    signal = { importance: Math.max(signal.importance, importance), learnedError };
  }
  return signal;
}

function hasImportantError(
  toin: ToinAdvisor,
  signature: string,
  items: ItemBatch['items'],
  errorFields: ReadonlySet<string>,
): boolean {
  if (errorFields.size === 0) return false;
  for (const item of items.slice(0, MAX_ITEMS)) {
    if (!isJsonObject(item)) continue;
    for (const [key, value] of Object.entries(item)) {
      const field = fieldHash(key);
      if (errorFields.has(field) && toin.isValueImportant(signature, field, valueHash(value))) return true;
    }
  }
  return false;
}
