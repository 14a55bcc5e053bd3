import {
  CCR_TOOL_NAME,
  type Edit,
  editedResult,
  hasMarker,
  MemoCache,
  type MessagesInput,
  parseMarkers,
  queryFor,
  shortHash,
  type TextSlot,
  type TransformContext,
  type TransformResult,
  toConversation,
  viewOf,
} from '@headroom/core';
import { detectContentType } from './content-type.js';
import type { LLMLinguaCompressor } from './llmlingua-compressor.js';

function eligible(slot: TextSlot, frozen: number, c: LLMLinguaCompressor, count: (text: string) => number) {
  if (slot.kind !== 'tool-result' || slot.isError || slot.toolName === CCR_TOOL_NAME) return false;
  if (slot.entry >= 0 && slot.entry < frozen) return false;
  if (hasMarker(slot.text) || detectContentType(slot.text) === 'json') return false;
  return c.config.enableCcr && count(slot.text) >= c.config.minTokensForCompression;
}

/**
 * LLMLingua as a pipeline transform: only tool results (system, user and assistant text is human
 * content and never touched), not errors, not `headroom_retrieve`, not JSON (SmartCrusher's), not
 * already compressed, at least `minTokensForCompression` tokens. Each result's query is
 * `queryFor(view, slot)` unless the context has one. Results are memoized by content, so a later
 * turn re-sends the same bytes even if that call would time out.
 */
export async function applyLingua<I extends MessagesInput>(
  compressor: LLMLinguaCompressor,
  input: I,
  opts: Partial<TransformContext>,
): Promise<TransformResult<I>> {
  const conv = toConversation(input);
  const tokenizer = opts.tokenizer ?? compressor.tokenizer;
  const view = viewOf(conv, { tokenizer });
  const memo = opts.memo;
  const fingerprint = `llmlingua:${shortHash(JSON.stringify(compressor.config))}`;
  const edits: Edit[] = [];
  const applied: string[] = [];
  const markers: string[] = [];
  const hashes: string[] = [];
  const warnings: string[] = [];
  const count = (text: string) => tokenizer.count(text);
  for (const slot of view.slots) {
    if (!eligible(slot, opts.frozenMessageCount ?? 0, compressor, count)) continue;
    const key = memo ? MemoCache.key(slot.text, fingerprint) : undefined;
    const hit = key ? memo?.get(key) : undefined;
    let compressed: string;
    let strategy: string;
    if (hit) {
      ({ compressed, strategy } = hit);
      refresh(compressor, slot, compressed, strategy);
    } else {
      const result = await compressor.compress(slot.text, {
        query: opts.query ?? queryFor(view, slot),
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
      if (!result.wasModified) {
        if (result.reason !== 'too-small' && result.reason !== 'no-gain')
          warnings.push(`llmlingua:${result.reason}`);
        continue;
      }
      compressed = result.compressed;
      strategy = `llmlingua:${result.contentType}`;
      if (key) memo?.set(key, { compressed, ccrHashes: [result.ccrHash!], strategy });
    }
    edits.push({ op: 'replace', slot, text: compressed });
    applied.push(`${strategy}:${slot.toolName ?? 'unknown'}`);
    for (const m of parseMarkers(compressed)) {
      markers.push(m.text);
      hashes.push(m.hash);
    }
  }
  return editedResult(input, conv, { edits, applied, markers, hashes, warnings });
}

/** A memo hit re-sends a marker: store the original again so it outlives the sliding TTL. */
function refresh(c: LLMLinguaCompressor, slot: TextSlot, compressed: string, strategy: string): void {
  const marker = parseMarkers(compressed).at(-1);
  if (!marker) return;
  c.store.put({
    original: slot.text,
    kind: 'text',
    strategy,
    unit: marker.unit,
    omitted: marker.omitted,
    total: marker.total,
    ...(slot.toolName === undefined ? {} : { toolName: slot.toolName }),
  });
}
