import { contentHash } from '@headroom/core';
import type { HeadroomStore, MemoHit } from '@headroom/store';
import type { Unit } from '../body/units.js';

export interface RepairCandidate {
  key: string;
  unit: Unit;
  /** The unit's decoded text, as the client just re-sent it. */
  text: string;
  hit: MemoHit;
}

/**
 * A memo hit whose CCR originals are gone (evicted or expired) is replayable again once the
 * originals are back (proxy.md §7.2, store.md §4): when every missing hash is `contentHash` of the
 * unit text the client just re-sent, re-`put` that text, flush so the marker's original is durable
 * before it leaves, and return the keys that are whole again. Anything else stays unrepaired: the
 * caller drops the entry and forwards the client's original, never a dead marker.
 */
export async function repairMemoHits(
  store: HeadroomStore,
  candidates: RepairCandidate[],
): Promise<Set<string>> {
  const repaired = new Set<string>();
  if (candidates.length === 0 || !store.health().ok) return repaired;
  const put: string[] = [];
  for (const c of candidates) {
    const hash = contentHash(c.text);
    if (!c.hit.missingRefs.every((h) => h === hash)) continue;
    try {
      const stored = store.put({
        original: c.text,
        kind: /^\s*[[{]/.test(c.text) ? 'json' : 'text',
        strategy: c.hit.entry.strategy,
        unit: 'items',
        omitted: 0,
        total: 0,
        ...(c.unit.toolName ? { toolName: c.unit.toolName } : {}),
        toolCallId: c.unit.toolCallId,
        originalTokens: c.hit.entry.tokensBefore,
        compressedTokens: c.hit.entry.tokensAfter,
      });
      if (stored === hash) put.push(c.key);
    } catch {
      // A rejected put leaves the entry unrepaired.
    }
  }
  if (put.length === 0) return repaired;
  try {
    await store.flush();
  } catch {
    return repaired;
  }
  for (const k of put) repaired.add(k);
  return repaired;
}
