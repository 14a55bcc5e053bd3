import {
  type ConversationView,
  isErrorItem,
  isErrorValue,
  isJsonObject,
  type JsonValue,
  lexTokens,
  structureSignature,
  type TextSlot,
  tryParseJson,
} from '@headroom/core';
import { distinctiveTokens } from './distinctive-tokens.js';

/** Items of one JSON array in a tool output, with its TOIN structure signature. */
export interface ItemBatch {
  readonly signature: string;
  readonly items: readonly JsonValue[];
}

/** What scoring needs from one wire message; derived from the message alone, so it is cacheable. */
export interface EntryFeatures {
  /** Lexical token counts (core `lexTokens`). */
  readonly terms: ReadonlyMap<string, number>;
  readonly words: number;
  readonly distinctive: readonly string[];
  /** A tool result flagged by the protocol (`is_error: true`). */
  readonly flaggedError: boolean;
  /** A JSON item or a text line that reads as an error (core's value-level detector). */
  readonly valueError: boolean;
  readonly batches: readonly ItemBatch[];
}

const EMPTY: EntryFeatures = {
  terms: new Map(),
  words: 0,
  distinctive: [],
  flaggedError: false,
  valueError: false,
  batches: [],
};

// Messages are immutable by contract (as for core's token counts), so features computed once per
// wire object serve every later request that re-sends the same object.
const cache = new WeakMap<object, EntryFeatures>();

export function entryFeatures(view: ConversationView, index: number): EntryFeatures {
  const entry = view.entry(index);
  if (!entry || entry.slots.length === 0) return EMPTY;
  const key = index < 0 ? view.conversation.system : view.conversation.messages[index];
  if (typeof key !== 'object' || key === null) return compute(entry.slots);
  let features = cache.get(key);
  if (!features) {
    features = compute(entry.slots);
    cache.set(key, features);
  }
  return features;
}

function compute(slots: readonly TextSlot[]): EntryFeatures {
  const terms = new Map<string, number>();
  let words = 0;
  const distinctive: string[] = [];
  let flaggedError = false;
  let valueError = false;
  const batches: ItemBatch[] = [];
  for (const slot of slots) {
    for (const t of lexTokens(slot.text)) {
      terms.set(t, (terms.get(t) ?? 0) + 1);
      words++;
    }
    if (slot.isError) flaggedError = true;
    const json = slot.kind === 'tool-result' ? parseJsonText(slot.text) : undefined;
    distinctive.push(...distinctiveTokens(slot.text, { quoted: json === undefined }));
    if (json === undefined) {
      valueError ||= isErrorValue(slot.text) && slot.text.split('\n').some(isErrorValue);
      continue;
    }
    batches.push(itemBatch(json));
    // The detector walks arrays, so this covers "any item" of a list output as well.
    valueError ||= isErrorItem(json);
  }
  return {
    terms,
    words,
    distinctive: [...new Set(distinctive)],
    flaggedError,
    valueError,
    batches,
  };
}

function parseJsonText(text: string): JsonValue | undefined {
  const first = text.trimStart()[0];
  return first === '{' || first === '[' ? tryParseJson(text) : undefined;
}

/**
 * The items TOIN knows the output by: a top-level array, or the largest array inside a top-level
 * object (`{"results": [...]}`, where the crusher records it), else the object itself.
 */
function itemBatch(json: JsonValue): ItemBatch {
  let items: readonly JsonValue[] = Array.isArray(json) ? json : [json];
  if (isJsonObject(json)) {
    for (const value of Object.values(json)) {
      if (Array.isArray(value) && value.length > 0 && (items[0] === json || value.length > items.length)) {
        items = value;
      }
    }
  }
  return { signature: structureSignature(items), items };
}
