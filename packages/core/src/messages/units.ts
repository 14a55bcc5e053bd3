import type { Entry, Unit, UnitKind, WireFormat } from './types.js';

class DisjointSet {
  private readonly parent: number[];
  constructor(size: number) {
    this.parent = Array.from({ length: size }, (_, i) => i);
  }
  find(x: number): number {
    let root = x;
    while (this.parent[root] !== root) root = this.parent[root]!;
    while (this.parent[x] !== root) {
      const next = this.parent[x]!;
      this.parent[x] = root;
      x = next;
    }
    return root;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/**
 * Groups entries into atomic units. A result is joined to the entry that issued its call (parallel
 * calls and several results per message fall out of this); in Responses, each run of consecutive
 * assistant-side items is joined so a reasoning item never loses the item it precedes; all system
 * entries form one unit.
 */
export function buildUnits(entries: readonly Entry[], format: WireFormat): Unit[] {
  const set = new DisjointSet(entries.length);
  const issuer = new Map<string, number>();
  let firstSystem = -1;
  entries.forEach((e, pos) => {
    // A result answers the latest earlier call with its id (recorded traces reuse ids).
    for (const id of e.resultIds) {
      const callPos = issuer.get(id);
      if (callPos !== undefined) set.union(callPos, pos);
    }
    for (const id of e.callIds) issuer.set(id, pos);
    if (e.role === 'system') {
      if (firstSystem < 0) firstSystem = pos;
      else set.union(firstSystem, pos);
    }
    const prev = entries[pos - 1];
    if (format === 'openai-responses' && prev && prev.role === 'assistant' && e.role === 'assistant') {
      set.union(pos - 1, pos);
    }
  });

  const groups = new Map<number, number[]>();
  entries.forEach((_, pos) => {
    const root = set.find(pos);
    const group = groups.get(root);
    if (group) group.push(pos);
    else groups.set(root, [pos]);
  });

  const units: Unit[] = [];
  for (const positions of groups.values()) {
    const members = positions.map((p) => entries[p]!);
    const indexes = members.map((e) => e.index);
    units.push({
      id: units.length,
      kind: unitKind(members),
      entries: indexes,
      first: indexes[0]!,
      last: indexes[indexes.length - 1]!,
    });
  }
  return units;
}

function unitKind(members: readonly Entry[]): UnitKind {
  if (members.some((e) => e.callIds.length > 0 || e.resultIds.length > 0)) return 'tool';
  if (members.some((e) => e.role === 'system')) return 'system';
  return members.some((e) => e.role === 'user') ? 'user' : 'assistant';
}

/** An exchange: a tool unit, or a user unit with the assistant unit right after it, or a lone unit. */
export interface Exchange {
  readonly units: readonly Unit[];
  readonly first: number;
  readonly last: number;
}

/**
 * Splits non-system units into exchanges, in conversation order. "Last N turns" means the last N
 * exchanges (see `protectedEntries`).
 */
export function exchangesOf(units: readonly Unit[]): Exchange[] {
  const ordered = units.filter((u) => u.kind !== 'system').sort((a, b) => a.first - b.first);
  const out: Exchange[] = [];
  for (let i = 0; i < ordered.length; i++) {
    const unit = ordered[i]!;
    const next = ordered[i + 1];
    if (unit.kind === 'user' && next?.kind === 'assistant') {
      out.push({ units: [unit, next], first: unit.first, last: next.last });
      i++;
    } else {
      out.push({ units: [unit], first: unit.first, last: unit.last });
    }
  }
  return out;
}
