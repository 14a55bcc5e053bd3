import type { ConversationView, Unit } from '@headroom/core';

export type DropReason = 'token_cap' | 'importance';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Tool names of a unit's results, in order of first appearance, each counted once per result. */
export function resultToolNames(view: ConversationView, unit: Unit): string[] {
  const names: string[] = [];
  for (const index of unit.entries) {
    const seen = new Set<string>();
    for (const slot of view.entry(index)?.slots ?? []) {
      if (slot.kind !== 'tool-result' || slot.toolName === undefined) continue;
      const key = slot.toolCallId ?? `${slot.path.join('.')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      names.push(slot.toolName);
    }
  }
  return names;
}

/**
 * What a marker says about the dropped units, e.g. `reason=token_cap; 6 tool results (search x4,
 * get_logs x2), 3 assistant, 1 user`: enough for the model to decide whether to retrieve them.
 */
export function dropSummary(view: ConversationView, units: readonly Unit[], reason: DropReason): string {
  let results = 0;
  let calls = 0;
  const byTool = new Map<string, number>();
  const messages = { assistant: 0, user: 0, system: 0 };
  for (const u of units) {
    if (u.kind !== 'tool') {
      messages[u.kind] += u.entries.length;
      continue;
    }
    for (const index of u.entries) {
      const e = view.entry(index);
      results += e?.resultIds.length ?? 0;
      calls += e?.callIds.length ?? 0;
    }
    for (const name of resultToolNames(view, u)) byTool.set(name, (byTool.get(name) ?? 0) + 1);
  }
  const parts: string[] = [];
  if (results > 0) {
    const tools = [...byTool]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([name, n]) => `${name} x${n}`)
      .join(', ');
    parts.push(`${plural(results, 'tool result')}${tools ? ` (${tools})` : ''}`);
  } else if (calls > 0) {
    parts.push(plural(calls, 'tool call'));
  }
  for (const kind of ['assistant', 'user', 'system'] as const) {
    if (messages[kind] > 0) parts.push(`${messages[kind]} ${kind}`);
  }
  return parts.length > 0 ? `reason=${reason}; ${parts.join(', ')}` : `reason=${reason}`;
}
