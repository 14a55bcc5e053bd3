import { dict, hashMap } from './bounded.js';
import { type PatternMap, TOIN_FORMAT_VERSION, type ToinState } from './codec.js';
import type { FieldState, PatternState } from './pattern.js';
import type { PatternTable } from './table.js';

function cloneField(f: FieldState): FieldState {
  return { ...f, top: { ...f.top }, ops: [...f.ops], retrieved: { ...f.retrieved } };
}

/** A deep copy, so an export never changes when the live state does. */
export function clonePattern(p: PatternState): PatternState {
  const strategies = dict<{ n: number; success: number }>();
  for (const name in p.strategies) strategies[name] = { ...p.strategies[name]! };
  const fields = hashMap<FieldState>();
  for (const hash in p.fields) fields[hash] = cloneField(p.fields[hash]!);
  return { ...p, strategies, queries: { ...p.queries }, fields };
}

/**
 * The table as an export: own patterns, then each peer's (peers sorted by id), every map in least
 * recently updated order, so importing it rebuilds the same recency order.
 */
export function exportTable(
  table: PatternTable,
  self: string,
  origins: ReadonlyMap<string, number>,
  exportedAt: number,
): ToinState {
  const own: PatternMap = {};
  const byPeer = new Map<string, PatternMap>();
  for (const [key, slot] of table.entries()) {
    for (const [origin, p] of slot) {
      if (origin === self) own[key] = clonePattern(p);
      else {
        const map = byPeer.get(origin) ?? {};
        map[key] = clonePattern(p);
        byPeer.set(origin, map);
      }
    }
  }
  const state: ToinState = { version: TOIN_FORMAT_VERSION, exportedAt, instanceId: self, patterns: own };
  if (byPeer.size > 0) {
    state.peers = {};
    for (const origin of [...byPeer.keys()].sort())
      state.peers[origin] = { exportedAt: origins.get(origin) ?? 0, patterns: byPeer.get(origin)! };
  }
  return state;
}
