import type { UnitFeatures } from './unit-features.js';

/** A unit is identified by at most this many of its distinctive tokens. */
export const MAX_DISTINCTIVE = 50;

/**
 * For each unit, how many later units mention one of its distinctive tokens (its first 50): a
 * message whose ids or paths the conversation keeps coming back to is still in use.
 */
export function forwardReferences(units: readonly UnitFeatures[]): Map<number, number> {
  const mentions = new Map<string, number[]>();
  for (const u of units) {
    for (const token of u.distinctive) {
      const list = mentions.get(token);
      if (list) list.push(u.order);
      else mentions.set(token, [u.order]);
    }
  }
  const out = new Map<number, number>();
  for (const u of units) {
    const later = new Set<number>();
    for (const token of u.distinctive.slice(0, MAX_DISTINCTIVE)) {
      const list = mentions.get(token)!;
      for (let i = list.length - 1; i >= 0 && list[i]! > u.order; i--) later.add(list[i]!);
    }
    out.set(u.unit.id, later.size);
  }
  return out;
}
