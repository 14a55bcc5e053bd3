import { calledNames } from './callees.js';
import type { LanguageSpec } from './languages/index.js';
import type { QueryTerms } from './query-terms.js';
import type { Unit } from './units.js';

const IDENTIFIER = /[A-Za-z_$][\w$]*/g;

/** How often each of `names` occurs as an identifier in `text` (strings and comments included). */
export function identifierCounts(text: string, names: ReadonlySet<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(IDENTIFIER)) {
    const word = m[0];
    if (names.has(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return counts;
}

/** References of a unit's name elsewhere in the file (its own definition excluded). */
export function referenceCount(unit: Unit, counts: ReadonlyMap<string, number>): number {
  return unit.simpleName === undefined ? 0 : Math.max(0, (counts.get(unit.simpleName) ?? 0) - 1);
}

/**
 * Importance per unit, min-max normalized to [0, 1]: references elsewhere, +1 if public, +0.5 per
 * distinct local function it calls, +2 for Python dunders, +3 when the query names it.
 */
export function unitImportance(
  units: readonly Unit[],
  text: string,
  spec: LanguageSpec,
  query: QueryTerms,
  counts: ReadonlyMap<string, number>,
): number[] {
  const local = new Set(units.map((u) => u.simpleName).filter((n): n is string => n !== undefined));
  const raw = units.map((u) => {
    let score = referenceCount(u, counts);
    if (spec.isPublic(u.node, u.simpleName)) score += 1;
    const body = text.slice(u.body.startIndex, u.body.endIndex);
    for (const callee of calledNames(body)) if (callee !== u.simpleName && local.has(callee)) score += 0.5;
    if (spec.language === 'python' && u.simpleName !== undefined && /^__\w+__$/.test(u.simpleName))
      score += 2;
    if (query.names(u.simpleName)) score += 3;
    return score;
  });
  const min = Math.min(...raw);
  const max = Math.max(...raw);
  return raw.map((s) => (max > min ? (s - min) / (max - min) : 1));
}
