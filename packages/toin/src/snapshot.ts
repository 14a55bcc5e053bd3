import type { ToinConfig } from '@headroom/core';
import { type Derived, derive } from './advice.js';
import { combine } from './merge.js';
import type { PatternTable } from './table.js';

/** An immutable, published view of everything TOIN advises; reads never see live state. */
export interface Snapshot {
  readonly publishedAt: number;
  readonly patterns: ReadonlyMap<string, Derived>;
}

export const EMPTY_SNAPSHOT: Snapshot = Object.freeze({ publishedAt: 0, patterns: new Map() });

/** `tenantHash:signature` → the signature. */
const signatureOf = (key: string): string => key.slice(key.indexOf(':') + 1);

/**
 * The next snapshot: the previous one with every changed key re-derived from its contributions
 * (combined in instance-id order, so any two instances holding the same exports agree exactly).
 * Unchanged keys reuse their frozen entries, so a publish costs O(changed) derivations.
 */
export function nextSnapshot(prev: Snapshot, table: PatternTable, cfg: ToinConfig, now: number): Snapshot {
  const patterns = new Map(prev.patterns);
  for (const key of table.takeDirty()) {
    const slot = table.peek(key);
    if (!slot || slot.size === 0) {
      patterns.delete(key);
      continue;
    }
    const parts = [...slot.keys()].sort().map((origin) => slot.get(origin)!);
    patterns.set(key, derive(signatureOf(key), combine(parts, cfg.maxFieldsPerPattern), slot.size, cfg));
  }
  return Object.freeze({ publishedAt: now, patterns });
}
