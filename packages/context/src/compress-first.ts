import {
  type AnyMessage,
  applyEdits,
  CCR_TOOL_NAME,
  type ContentCompressor,
  type Conversation,
  type ConversationView,
  type Edit,
  errorCode,
  hasMarker,
  parseMarkers,
  queryFor,
  type TextSlot,
} from '@headroom/core';

/** Outputs shorter than this are not worth a compressor call. */
const MIN_CHARS = 200;

export interface CompressFirstInput {
  view: ConversationView;
  /** Units that must stay byte-identical. */
  keep: ReadonlySet<number>;
  budget: number;
  tokens: number;
  compressor: ContentCompressor;
  acceptRatio: number;
  query?: string;
  signal?: AbortSignal;
  warnings: string[];
}

/** One message whose tool output(s) were compressed. */
export interface Replacement {
  index: number;
  message: AnyMessage;
  /** `compress_first:<strategy>:<wireIndex>` per accepted compression. */
  applied: string[];
  ccrHashes: string[];
  /** The compressors' markers in the new texts. */
  markers: string[];
}

export interface CompressFirstResult {
  conversation: Conversation;
  /** By input index. */
  replaced: Replacement[];
}

/**
 * Compress-first: when the conversation is only slightly over budget, compress its largest
 * droppable tool outputs harder instead of dropping anything. A compression counts only when it
 * saves tokens and beats `compressAcceptRatio`; it stops as soon as the budget is met. Errors,
 * outputs already holding a CCR marker and the retrieval tool's own outputs are left alone.
 */
export async function compressFirst(input: CompressFirstInput): Promise<CompressFirstResult | undefined> {
  const { view, compressor, budget } = input;
  const count = (text: string) => view.tokenizer.count(text);
  const slots = view.units
    .filter((u) => !input.keep.has(u.id))
    .flatMap((u) => u.entries.flatMap((e) => view.entry(e)?.slots ?? []))
    .filter(
      (s) =>
        s.kind === 'tool-result' &&
        s.text.length >= MIN_CHARS &&
        !s.isError &&
        s.toolName !== CCR_TOOL_NAME &&
        !hasMarker(s.text),
    )
    .map((slot) => ({ slot, tokens: count(slot.text) }))
    .sort((a, b) => b.tokens - a.tokens || a.slot.entry - b.slot.entry);

  let tokens = input.tokens;
  const edits: Edit[] = [];
  const byIndex = new Map<number, Omit<Replacement, 'message'>>();
  for (const { slot, tokens: before } of slots) {
    if (tokens <= budget || input.signal?.aborted) break;
    const result = await attempt(compressor, slot, input.query ?? queryFor(view, slot), input.warnings);
    if (typeof result?.compressed !== 'string') continue;
    const after = count(result.compressed);
    if (after >= before || after / before >= input.acceptRatio) continue;
    edits.push({ op: 'replace', slot, text: result.compressed });
    const record = byIndex.get(slot.entry) ?? { index: slot.entry, applied: [], ccrHashes: [], markers: [] };
    record.applied.push(`compress_first:${result.strategyUsed}:${slot.entry}`);
    if (Array.isArray(result.ccrHashes)) record.ccrHashes.push(...result.ccrHashes);
    record.markers.push(...parseMarkers(result.compressed).map((m) => m.text));
    byIndex.set(slot.entry, record);
    tokens -= before - after;
  }
  if (edits.length === 0) return undefined;
  const conversation = applyEdits(view.conversation, edits);
  const replaced = [...byIndex.values()]
    .sort((a, b) => a.index - b.index)
    .map((r) => ({ ...r, message: conversation.messages[r.index]! }));
  return { conversation, replaced };
}

async function attempt(compressor: ContentCompressor, slot: TextSlot, query: string, warnings: string[]) {
  try {
    return await compressor.compress(slot.text, {
      query,
      ...(slot.toolName === undefined ? {} : { toolName: slot.toolName }),
    });
  } catch (error) {
    warnings.push(`compress_failed:${slot.entry}:${errorCode(error)}`);
    return undefined;
  }
}
