import { type ConversationView, LruMap, type Unit } from '@headroom/core';
import { distinctiveTokens } from './distinctive-tokens.js';
import { type EntryFeatures, entryFeatures } from './entry-features.js';

/**
 * One droppable-in-principle unit as scoring sees it: its messages' features merged (its
 * `distinctive` tokens include its calls' arguments, in order of appearance).
 */
export interface UnitFeatures extends EntryFeatures {
  readonly unit: Unit;
  /** Position among the scored units (0 = oldest). */
  readonly order: number;
}

/** Features of every unit but the external system prompt's (never droppable), oldest first. */
export function unitFeatures(view: ConversationView): UnitFeatures[] {
  return scoredUnits(view).map((unit, order) => {
    const parts = unit.entries.map((e) => entryFeatures(view, e));
    const args = argumentTokens(view, unit);
    const only = parts.length === 1 ? parts[0] : undefined;
    return {
      unit,
      order,
      ...mergeTerms(parts.filter((f) => f.words > 0)),
      distinctive:
        only && args.length === 0
          ? only.distinctive
          : [...new Set([...parts.flatMap((f) => f.distinctive), ...args])],
      flaggedError: parts.some((f) => f.flaggedError),
      valueError: parts.some((f) => f.valueError),
      batches: only ? only.batches : parts.flatMap((f) => f.batches),
    };
  });
}

/** The units scoring ranks, oldest first: all but the one holding the external system prompt. */
export function scoredUnits(view: ConversationView): Unit[] {
  return view.units.filter((u) => u.first >= 0).sort((a, b) => a.first - b.first);
}

function mergeTerms(parts: readonly EntryFeatures[]): { terms: ReadonlyMap<string, number>; words: number } {
  if (parts.length === 1) return { terms: parts[0]!.terms, words: parts[0]!.words };
  const terms = new Map<string, number>();
  let words = 0;
  for (const p of parts) {
    for (const [t, n] of p.terms) terms.set(t, (terms.get(t) ?? 0) + n);
    words += p.words;
  }
  return { terms, words };
}

/**
 * Distinctive tokens of the unit's tool-call arguments: an id a later call passes back (the usual
 * agent pattern: search, then act on a result) is a reference to the output that held it.
 */
function argumentTokens(view: ConversationView, unit: Unit): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const index of unit.entries) {
    for (const slot of view.entry(index)?.slots ?? []) {
      const args = slot.toolArgs;
      if (args === undefined || seen.has(args)) continue;
      seen.add(args);
      let tokens = argumentCache.get(args);
      if (!tokens) {
        tokens = distinctiveTokens(args, { quoted: false });
        argumentCache.set(args, tokens);
      }
      out.push(...tokens);
    }
  }
  return out;
}

// Arguments are short strings resent every turn; their tokens are memoized by value.
const argumentCache = new LruMap<string, string[]>({ maxEntries: 10_000 });
