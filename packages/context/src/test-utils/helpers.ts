/** Shared test helpers: a recording CCR store, token counts, the marker and the CCR round trip. */
import {
  type AnyMessage,
  type CcrPut,
  type CcrSink,
  type Conversation,
  type ConversationView,
  getTokenizer,
  MemoryCcrStore,
  type MessagesInput,
  messagesOf,
  parseMarkers,
  viewOf,
} from '@headroom/core';
import type { WindowResult } from '../types.js';

export const tokenizer = getTokenizer('gpt-4o');

export const tokensOf = (input: MessagesInput) => viewOf(input, { tokenizer }).totalTokens();

/** A memory store that remembers every put. */
export class SpyStore implements CcrSink {
  readonly puts: CcrPut[] = [];
  readonly inner = new MemoryCcrStore();
  put(entry: CcrPut): string {
    this.puts.push(entry);
    return this.inner.put(entry);
  }
  get(hash: string) {
    return this.inner.get(hash);
  }
}

/** The output messages that carry a dropped-messages marker, with their position. */
export function markerMessages(messages: readonly unknown[]) {
  return messages.flatMap((m, at) =>
    parseMarkers(JSON.stringify(m))
      .filter((marker) => marker.unit === 'messages')
      .map((marker) => ({ at, marker, message: m })),
  );
}

/** Removes the marker and puts every stored message back at its input index. */
export async function restore(result: WindowResult, store: SpyStore): Promise<unknown[]> {
  const out: unknown[] = [...messagesOf(result.conversation)];
  const found = markerMessages(out);
  if (found.length === 0) return out;
  out.splice(found[0]!.at, 1);
  const entry = await store.get(found[0]!.marker.hash);
  const stored = JSON.parse(entry!.original) as { messages: { index: number; message: AnyMessage }[] };
  for (const { index, message } of stored.messages) out.splice(index, 0, message);
  return out;
}

/** Wire objects of a conversation, by identity. */
export const objectsOf = (conv: Conversation) => new Set<unknown>(conv.messages);

export interface Rules {
  keepSystem: boolean;
  keepLastTurns: number;
  frozen: number;
}

/**
 * Wire indexes that must survive, restated from the spec (context.md §4 step 2) with core's
 * primitives: the units holding a system entry (when kept), a frozen index, an entry of the last N
 * exchanges, the last real user entry, or the most recent tool unit.
 */
export function mustKeep(view: ConversationView, rules: Rules): Set<number> {
  const seeds = new Set<number>();
  for (const e of view.entries) {
    if (e.index < 0 || e.index < rules.frozen || (rules.keepSystem && e.role === 'system'))
      seeds.add(e.index);
  }
  if (rules.keepLastTurns > 0) {
    for (const x of view.exchanges().slice(-rules.keepLastTurns))
      for (const u of x.units) for (const e of u.entries) seeds.add(e);
  }
  const last = view.lastRealUser();
  if (last !== undefined) seeds.add(last);
  const tools = view.units.filter((u) => u.kind === 'tool').sort((a, b) => b.last - a.last);
  if (tools[0]) seeds.add(tools[0].last);
  const out = new Set<number>();
  for (const u of view.units) if (u.entries.some((e) => seeds.has(e))) for (const e of u.entries) out.add(e);
  return out;
}
