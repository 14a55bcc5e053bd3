import { isDeepStrictEqual } from 'node:util';
import { type AnyMessage, type CcrEntry, type CcrStore, parseMarkers } from '@headroom/core';

/** Must-keep items found verbatim in the output. */
export const keptCount = (output: string, mustKeep: readonly string[]): number =>
  mustKeep.filter((s) => output.includes(s)).length;

export interface CcrCheck {
  markers: number;
  /** Markers whose entry exists and restores byte-exactly what was dropped from the input. */
  exact: number;
  /** Markers that restore it only up to JSON whitespace or through a nested marker. */
  equivalent: number;
}

/** A message with JSON string contents parsed, so `{"a": 1}` and `{"a":1}` compare equal. */
function normalized(message: unknown): unknown {
  const m = message as { content?: unknown };
  if (typeof m?.content !== 'string') return message;
  try {
    return { ...m, content: JSON.parse(m.content) };
  } catch {
    return message;
  }
}

/** The content of a stored message, with a nested marker followed to its own original. */
async function nestedOriginals(message: unknown, store: CcrStore): Promise<string[]> {
  const content = (message as { content?: unknown })?.content;
  if (typeof content !== 'string') return [];
  const entries = await Promise.all(parseMarkers(content).map((m) => store.get(m.hash)));
  return entries.flatMap((e) => (e ? [e.original] : []));
}

/**
 * Dropped messages are stored as `{format, messages: [{index, message}]}`, indexes into the request.
 * `exact`: each stored message equals the request's. `equivalent`: equal up to JSON whitespace, or
 * the stored message is the pipeline's compressed version whose own marker restores the original.
 */
async function restoresMessages(
  entry: CcrEntry,
  input: readonly AnyMessage[],
  store: CcrStore,
): Promise<'exact' | 'equivalent' | 'no'> {
  let stored: { index: number; message: unknown }[];
  try {
    stored = (JSON.parse(entry.original) as { messages: typeof stored }).messages;
    if (!Array.isArray(stored)) return 'no';
  } catch {
    return 'no';
  }
  let verdict: 'exact' | 'equivalent' = 'exact';
  for (const { index, message } of stored) {
    const sent = input[index];
    if (isDeepStrictEqual(sent, message)) continue;
    verdict = 'equivalent';
    if (isDeepStrictEqual(normalized(sent), normalized(message))) continue;
    const content = (sent as { content?: unknown })?.content;
    if (!(await nestedOriginals(message, store)).some((o) => o === content)) return 'no';
  }
  return verdict;
}

/**
 * Follows every CCR marker in `output` back to the store. A text original must be a byte-exact
 * piece of `input`; a dropped-messages original must equal the input's messages at its indexes.
 */
export async function ccrRoundTrip(
  output: string,
  input: string,
  store: CcrStore,
  messages: readonly AnyMessage[] = [],
): Promise<CcrCheck> {
  const hashes = [...new Set(parseMarkers(output).map((m) => m.hash))];
  const check: CcrCheck = { markers: hashes.length, exact: 0, equivalent: 0 };
  for (const hash of hashes) {
    const entry = await store.get(hash);
    if (!entry) continue;
    const verdict =
      entry.kind === 'messages'
        ? await restoresMessages(entry, messages, store)
        : input.includes(entry.original)
          ? 'exact'
          : 'no';
    if (verdict !== 'no') check[verdict]++;
  }
  return check;
}
