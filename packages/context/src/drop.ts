import {
  type AnyMessage,
  type CcrSink,
  type Conversation,
  type ConversationView,
  contentHash,
  countMessage,
  formatMarker,
  renderMessage,
  type Unit,
} from '@headroom/core';
import { markerPositions } from './placement.js';
import { type DropReason, dropSummary, resultToolNames } from './summary.js';
import type { DroppedUnit } from './types.js';
import { unitTokens } from './unit-tokens.js';

export interface DropRequest {
  /** The conversation being cut (the input, or its compressed form). */
  view: ConversationView;
  /** The input's own messages: what CCR stores, so retrieval restores the input exactly. */
  originals: readonly AnyMessage[];
  /** Droppable units in the order they should go. */
  candidates: readonly Unit[];
  scores?: ReadonlyMap<number, number>;
  budget: number;
  tokens: number;
  frozen: number;
  strategy: 'rolling_window' | 'intelligent_context';
  reason: DropReason;
  store: CcrSink;
  /** True when an output adds no pair violation to the input's. */
  accept: (output: Conversation) => boolean;
}

export type DropOutcome =
  | {
      kind: 'dropped';
      conversation: Conversation;
      dropped: DroppedUnit[];
      wireIndexes: number[];
      tokensAfter: number;
      overBudget: boolean;
      insert: { at: number; message: AnyMessage };
      marker: string;
      hash: string;
    }
  | { kind: 'kept'; reason: 'no_candidates' | 'no_gain' | 'pair_check_failed' };

// Only the length of a hash matters for the marker's token estimate; the real one is recounted.
const PLACEHOLDER_HASH = '9f86d081884c7d659a2feaa0';

/**
 * Drops candidates in order until the conversation plus one marker message fits the budget, stores
 * the dropped messages in CCR and inserts the marker where the conversation stays valid. Never
 * drops when that would not make the conversation smaller, and never returns an output with a pair
 * violation the input did not have.
 */
export function dropUnits(req: DropRequest): DropOutcome {
  const { view, candidates, budget } = req;
  if (candidates.length === 0) return { kind: 'kept', reason: 'no_candidates' };
  const format = view.format;
  const total = view.conversation.messages.length;
  const markerOf = (units: readonly Unit[], hash: string) => {
    const omitted = units.reduce((n, u) => n + u.entries.length, 0);
    const text = formatMarker({
      hash,
      omitted,
      total,
      unit: 'messages',
      summary: dropSummary(view, units, req.reason),
    });
    return {
      text,
      tokens: countMessage(format, renderMessage(format, { role: 'user', text }), view.tokenizer),
    };
  };

  // Drop against an estimated marker first, then settle on the real one (its summary and hash
  // depend on what was dropped); one more unit goes if the real marker tips the result over.
  const estimate = markerOf(candidates, PLACEHOLDER_HASH).tokens;
  let remaining = req.tokens;
  let count = 0;
  while (count < candidates.length && remaining + estimate > budget) {
    remaining -= unitTokens(view, candidates[count]!);
    count++;
  }
  if (count === 0) return { kind: 'kept', reason: 'no_gain' };
  const settle = () => {
    const chosen = candidates.slice(0, count);
    const indexes = wireIndexesOf(chosen);
    const original = originalOf(format, req.originals, indexes);
    const hash = contentHash(original);
    return { chosen, indexes, original, hash, marker: markerOf(chosen, hash) };
  };
  let cut = settle();
  while (remaining + cut.marker.tokens > budget && count < candidates.length) {
    remaining -= unitTokens(view, candidates[count]!);
    count++;
    cut = settle();
  }
  const { chosen, indexes, original } = cut;
  let { marker } = cut;
  if (remaining + marker.tokens >= req.tokens) return { kind: 'kept', reason: 'no_gain' };

  const droppedIds = new Set(chosen.map((u) => u.id));
  const kept = view.units.filter((u) => !droppedIds.has(u.id));
  let at: number | undefined;
  let conversation: Conversation | undefined;
  for (const p of markerPositions(view, kept, indexes[0]!, req.frozen)) {
    const candidate = edit(view.conversation, indexes, p, marker.text);
    if (req.accept(candidate)) {
      at = p;
      conversation = candidate;
      break;
    }
  }
  if (at === undefined || conversation === undefined) return { kind: 'kept', reason: 'pair_check_failed' };

  const hash = req.store.put({
    original,
    kind: 'messages',
    strategy: req.strategy,
    unit: 'messages',
    omitted: indexes.length,
    total,
    format,
    originalTokens: req.tokens - remaining,
    compressedTokens: marker.tokens,
  });
  // Stores key by contentHash(original); should a custom one not, the marker must carry its key.
  if (hash !== cut.hash) {
    marker = markerOf(chosen, hash);
    conversation = edit(view.conversation, indexes, at, marker.text);
  }
  const outputAt = at - indexes.filter((i) => i < at).length;
  return {
    kind: 'dropped',
    conversation,
    dropped: chosen.map((u) => ({
      unit: u.id,
      kind: u.kind,
      wireIndexes: [...u.entries],
      tokens: unitTokens(view, u),
      ...(req.scores?.has(u.id) ? { score: req.scores.get(u.id)! } : {}),
      toolNames: [...new Set(resultToolNames(view, u))],
    })),
    wireIndexes: indexes,
    tokensAfter: remaining + marker.tokens,
    overBudget: remaining + marker.tokens > budget,
    insert: { at, message: conversation.messages[outputAt]! },
    marker: marker.text,
    hash,
  };
}

function wireIndexesOf(units: readonly Unit[]): number[] {
  return units.flatMap((u) => u.entries).sort((a, b) => a - b);
}

/** The CCR original: compact JSON of the dropped wire messages with their input indexes. */
function originalOf(format: string, originals: readonly AnyMessage[], indexes: readonly number[]): string {
  return JSON.stringify({ format, messages: indexes.map((index) => ({ index, message: originals[index] })) });
}

/**
 * The conversation without the dropped messages and with the marker before input index `at`.
 * Units are whole by construction and the pair check runs on the result, so this skips
 * `applyEdits`, whose unit re-grouping would be the costliest step of a cut.
 */
function edit(conv: Conversation, drop: readonly number[], at: number, text: string): Conversation {
  const gone = new Set(drop);
  const marker = renderMessage(conv.format, { role: 'user', text });
  const messages: AnyMessage[] = [];
  conv.messages.forEach((m, i) => {
    if (i === at) messages.push(marker);
    if (!gone.has(i)) messages.push(m);
  });
  if (at >= conv.messages.length) messages.push(marker);
  return { ...conv, messages };
}
