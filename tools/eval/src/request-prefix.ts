import { contentHash, type MessagesInput, TOKENS_PER_MESSAGE, type Tokenizer, viewOf } from '@headroom/core';

/** One message of a request as the prompt cache sees it: its exact bytes (as a key) and its tokens. */
export interface Segment {
  key: string;
  role: string;
  tokens: number;
  /** The message's text, for a match that ends inside it. */
  text: string;
}

/** A request in prompt order: the system prompt first, then each message; plus its total tokens. */
export interface RequestPrefix {
  segments: readonly Segment[];
  totalTokens: number;
}

// Clients re-send the same message objects turn after turn: each is serialized and hashed once.
const keys = new WeakMap<object, string>();

function keyOf(wire: unknown): string {
  if (typeof wire !== 'object' || wire === null) return contentHash(JSON.stringify(wire ?? null));
  let key = keys.get(wire);
  if (key === undefined) {
    key = contentHash(JSON.stringify(wire));
    keys.set(wire, key);
  }
  return key;
}

/** Segments with exact token counts from core (per-message overhead included). */
export function requestPrefix(input: MessagesInput, tokenizer: Tokenizer): RequestPrefix {
  const view = viewOf(input, { tokenizer });
  const segments = view.entries.map((e) => ({
    key: keyOf(e.index < 0 ? view.conversation.system : view.conversation.messages[e.index]),
    role: e.role,
    tokens: view.entryTokens(e.index),
    text: e.slots.map((s) => s.text).join('\n'),
  }));
  return { segments, totalTokens: view.totalTokens() };
}

/** Leading segments `a` and `b` share byte for byte, and their tokens. */
export function sharedSegments(a: RequestPrefix, b: RequestPrefix): { count: number; tokens: number } {
  let count = 0;
  let tokens = 0;
  const n = Math.min(a.segments.length, b.segments.length);
  while (count < n && a.segments[count]!.key === b.segments[count]!.key)
    tokens += a.segments[count++]!.tokens;
  return { count, tokens };
}

/**
 * Tokens two differing messages share at their start: the role header plus the common text, cut
 * back to the whitespace before the first difference. BPE never merges across that boundary, so a
 * partial match is never overstated (it may be understated by a token or two).
 */
export function partialTokens(x: Segment, y: Segment, tokenizer: Tokenizer): number {
  if (x.role !== y.role) return 0;
  let common = 0;
  const n = Math.min(x.text.length, y.text.length);
  while (common < n && x.text.charCodeAt(common) === y.text.charCodeAt(common)) common++;
  if (common === x.text.length && common === y.text.length) return x.tokens;
  let cut = common;
  while (cut > 0 && !/\s/.test(x.text[cut - 1]!)) cut--;
  while (cut > 0 && /\s/.test(x.text[cut - 1]!)) cut--;
  return Math.min(x.tokens, TOKENS_PER_MESSAGE + tokenizer.count(x.text.slice(0, cut)));
}
