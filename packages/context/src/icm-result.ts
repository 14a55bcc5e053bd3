import type { MessagesInput } from '@headroom/core';
import type { CompressFirstResult, Replacement } from './compress-first.js';
import type { Change } from './result.js';
import type { IcmResult, IcmStrategy, WindowResult } from './types.js';

export function withStrategy<I extends MessagesInput>(
  result: WindowResult<I>,
  strategy: IcmStrategy,
): IcmResult<I> {
  return { ...result, strategy };
}

function fromReplacements(replaced: readonly Replacement[]) {
  return {
    transformsApplied: replaced.flatMap((r) => r.applied),
    markersInserted: replaced.flatMap((r) => r.markers),
    ccrHashes: replaced.flatMap((r) => r.ccrHashes),
  };
}

/** What compress-first alone changed. */
export function compressChange(c: CompressFirstResult, tokensAfter: number, overBudget: boolean): Change {
  return {
    conversation: c.conversation,
    tokensAfter,
    overBudget,
    ...fromReplacements(c.replaced),
    dropped: [],
    plan: { drop: [], replace: c.replaced.map(({ index, message }) => ({ index, message })) },
  };
}

/**
 * Compress-first followed by drops. A compressed message that was dropped afterwards left the
 * output with its markers, so only the compressions of kept messages are reported.
 */
export function mergeChanges(c: CompressFirstResult | undefined, drop: Change): Change {
  if (!c) return drop;
  const gone = new Set(drop.plan.drop);
  const kept = c.replaced.filter((r) => !gone.has(r.index));
  const compressed = fromReplacements(kept);
  return {
    ...drop,
    transformsApplied: [...compressed.transformsApplied, ...drop.transformsApplied],
    markersInserted: [...compressed.markersInserted, ...drop.markersInserted],
    ccrHashes: [...compressed.ccrHashes, ...drop.ccrHashes],
    plan: {
      ...drop.plan,
      ...(kept.length > 0 ? { replace: kept.map(({ index, message }) => ({ index, message })) } : {}),
    },
  };
}
