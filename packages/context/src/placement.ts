import type { ConversationView, Unit } from '@headroom/core';

/**
 * Where the marker may go, best first, as "insert before input index" positions. The first is the
 * earliest gap (the first dropped message), moved past any kept unit that spans it, since a message
 * between a call and its results, or inside a reasoning run, is a provider 400. The second is the
 * front (after the leading system messages and the frozen prefix), which makes the marker the
 * first user message: the fallback when the gap would put it after calls still awaiting results.
 */
export function markerPositions(
  view: ConversationView,
  kept: readonly Unit[],
  firstDropped: number,
  frozen: number,
): number[] {
  const spans = kept.filter((u) => u.kind !== 'system' && u.first >= 0 && u.first < u.last);
  const advance = (start: number) => {
    let p = start;
    for (let moved = true; moved; ) {
      moved = false;
      for (const u of spans) {
        if (u.first < p && u.last >= p) {
          p = u.last + 1;
          moved = true;
        }
      }
    }
    return p;
  };
  let leadingSystem = 0;
  while (view.entry(leadingSystem)?.role === 'system') leadingSystem++;
  const gap = advance(firstDropped);
  const front = advance(Math.max(leadingSystem, frozen));
  return gap === front ? [gap] : [gap, front];
}
