import { type ConversationView, messageDropSignature, type ToinRecorder } from '@headroom/core';
import type { DropOutcome } from './drop.js';
import type { UnitScore } from './types.js';

/**
 * Tells TOIN what kind of messages were dropped: role counts, tools, errors and size, never
 * content. A recorder that throws costs a warning, not the request.
 */
export function recordDrop(
  toin: Partial<ToinRecorder>,
  view: ConversationView,
  outcome: Extract<DropOutcome, { kind: 'dropped' }>,
  scores: readonly UnitScore[],
  warnings: string[],
): void {
  if (typeof toin.recordDrop !== 'function') return;
  const roles: Record<string, number> = {};
  for (const i of outcome.wireIndexes) {
    const role = view.entry(i)?.role ?? 'assistant';
    roles[role] = (roles[role] ?? 0) + 1;
  }
  const droppedIds = new Set(outcome.dropped.map((d) => d.unit));
  const tokens = outcome.dropped.reduce((n, d) => n + d.tokens, 0);
  try {
    toin.recordDrop({
      signature: messageDropSignature({
        roles,
        tools: outcome.dropped.flatMap((d) => d.toolNames),
        errors: scores.filter((s) => droppedIds.has(s.unit) && s.error === 1).length,
        tokens,
      }),
      count: outcome.wireIndexes.length,
      tokens,
    });
  } catch {
    warnings.push('toin_record_failed');
  }
}
