import type { ConversationView } from '@headroom/core';
import type { UnitScore } from './types.js';
import { unitTokens } from './unit-tokens.js';

/**
 * Scores in the order their units should go. By importance per token: freeing the budget should
 * cost the least importance, so one large output of middling score goes before dozens of small,
 * equally unimportant messages (on tau-bench: the same budget met with a tenth of the drops, and
 * more must-keep messages kept). Positional scores (importance scoring off) go as they are.
 * Ties go oldest first.
 */
export function dropOrder(
  view: ConversationView,
  scores: readonly UnitScore[],
  perToken: boolean,
): UnitScore[] {
  const cost = new Map(
    scores.map((s) => [
      s.unit,
      perToken ? s.total / Math.max(1, unitTokens(view, view.units[s.unit]!)) : s.total,
    ]),
  );
  return [...scores].sort(
    (a, b) => cost.get(a.unit)! - cost.get(b.unit)! || view.units[a.unit]!.first - view.units[b.unit]!.first,
  );
}
