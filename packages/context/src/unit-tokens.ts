import type { ConversationView, Unit } from '@headroom/core';

/** Tokens of a unit's wire messages (counts are cached per wire object by core). */
export function unitTokens(view: ConversationView, unit: Unit): number {
  let n = 0;
  for (const e of unit.entries) n += view.entryTokens(e);
  return n;
}
