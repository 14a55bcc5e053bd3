import type { ConversationView, Unit } from '@headroom/core';

export interface ProtectRules {
  keepSystem: boolean;
  /** Exchanges counted from the end (core's `exchangesOf`). */
  keepLastTurns: number;
  /** Leading wire messages already in the provider's cache. */
  frozenMessageCount: number;
}

/**
 * Ids of the units no manager may drop: the system unit (always when it holds the external
 * system prompt, which cannot be dropped), every unit reaching into the frozen prefix, the last N
 * exchanges, the unit of the last real user message, and the most recent tool unit (the "active
 * tool pair", protected even with zero kept turns).
 */
export function protectedUnits(view: ConversationView, rules: ProtectRules): Set<number> {
  const out = new Set<number>();
  let activeTool: Unit | undefined;
  for (const u of view.units) {
    if (u.kind === 'system' && (rules.keepSystem || u.first < 0)) out.add(u.id);
    if (u.first < 0 || u.entries.some((e) => e < rules.frozenMessageCount)) out.add(u.id);
    if (u.kind === 'tool' && (!activeTool || u.last > activeTool.last)) activeTool = u;
  }
  if (activeTool) out.add(activeTool.id);
  if (rules.keepLastTurns > 0) {
    for (const x of view.exchanges().slice(-rules.keepLastTurns)) for (const u of x.units) out.add(u.id);
  }
  const lastUser = view.lastRealUser();
  const userUnit = lastUser === undefined ? undefined : view.unitOf(lastUser);
  if (userUnit) out.add(userUnit.id);
  return out;
}

/** Leading wire messages that must not move: `frozenMessageCount` as a sane count. */
export function frozenCount(value: unknown, warnings: string[]): number {
  if (value === undefined) return 0;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return Math.floor(value);
  warnings.push('invalid_option:frozenMessageCount');
  return 0;
}
