import type { FieldSemanticsView } from '@headroom/core';
import { argmax, hashMap, ranked } from './bounded.js';
import { LIMITS } from './limits.js';
import type { FieldState } from './pattern.js';
import { opIndex } from './pattern.js';

/** Evidence needed before a field is typed (§4.4). */
const MIN_TOUCHES = 3;
const MIN_COMPRESSIONS = 2;
/** Below this a type is reported as `unknown`, and nothing about the field counts as important. */
export const MIN_SEMANTIC_CONFIDENCE = 0.3;

type Inferred = Pick<FieldSemanticsView, 'inferredType' | 'confidence'>;

const RANGE = [opIndex('gt'), opIndex('gte'), opIndex('lt'), opIndex('lte')];

function infer(
  f: FieldState,
  shares: { uniq: number; defaultFreq: number; nonDefault: number; diversity: number },
): Inferred {
  const total = f.ops.reduce((a, b) => a + b, 0) || 1;
  const share = (i: number) => f.ops[i]! / total;
  const eq = share(opIndex('eq'));
  const range = RANGE.reduce((a, i) => a + share(i), 0);
  const contains = share(opIndex('contains'));
  const { uniq, defaultFreq, nonDefault, diversity } = shares;
  if (uniq > 0.8 && eq > 0.7) return { inferredType: 'identifier', confidence: Math.min(0.9, uniq * eq) };
  if (defaultFreq > 0.7 && nonDefault > 0.7)
    return { inferredType: 'error_indicator', confidence: Math.min(0.9, nonDefault * defaultFreq) };
  if (uniq < 0.2 && diversity < 0.5)
    return { inferredType: 'status', confidence: Math.min(0.85, (1 - uniq) * (1 - diversity)) };
  if (range > 0.5) return { inferredType: 'score', confidence: range };
  if (range > 0.3 && uniq > 0.7) return { inferredType: 'temporal', confidence: range };
  if (contains > 0.5) return { inferredType: 'content', confidence: contains };
  return { inferredType: 'unknown', confidence: 0 };
}

/**
 * A field's learned meaning, or undefined until it has enough evidence. Important values: for an
 * error indicator every retrieved value other than the default; for any typed field, values
 * retrieved at least twice. A pure function of the aggregates, so merged instances agree exactly.
 */
export function fieldSemantics(f: FieldState): FieldSemanticsView | undefined {
  if (f.touched < MIN_TOUCHES || f.seen < MIN_COMPRESSIONS) return undefined;
  const top = argmax(f.top);
  const defaultFreq = top === undefined || f.items === 0 ? 0 : f.top[top]! / f.items;
  const defaultValue = defaultFreq > 0.5 ? top : undefined;
  let total = 0;
  let nonDefaultCount = 0;
  let distinct = 0;
  for (const v in f.retrieved) {
    const n = f.retrieved[v]!;
    total += n;
    distinct++;
    if (v !== top) nonDefaultCount += n;
  }
  const inferred = infer(f, {
    uniq: f.distinct / f.seen,
    defaultFreq,
    nonDefault: total === 0 ? 0 : nonDefaultCount / total,
    diversity: distinct / f.touched,
  });
  const typed = inferred.confidence >= MIN_SEMANTIC_CONFIDENCE;
  const errorIndicator = typed && inferred.inferredType === 'error_indicator';
  const important = hashMap();
  if (typed) {
    for (const v in f.retrieved) {
      const n = f.retrieved[v]!;
      if ((errorIndicator && v !== defaultValue) || n >= 2) important[v] = n;
    }
  }
  return {
    inferredType: typed ? inferred.inferredType : 'unknown',
    confidence: round(inferred.confidence),
    ...(defaultValue === undefined ? {} : { defaultValue }),
    importantValues: ranked(important).slice(0, LIMITS.importantValues),
  };
}

/** Six decimals: views compare equal however the sums behind them were ordered. */
export function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
