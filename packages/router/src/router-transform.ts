import {
  type CcrSink,
  type Edit,
  editedResult,
  hasMarker,
  MemoCache as Memo,
  type MemoRestore,
  type MemoValue,
  type MessagesInput,
  parseMarkers,
  queryFor,
  type TextSlot,
  type TransformContext,
  type TransformResult,
  toConversation,
  viewOf,
} from '@headroom/core';
import type { ContentRouter } from './content-router.js';
import { detectContentType } from './detect.js';
import { LINE_NUMBER_REWRITE, stripLineNumbers } from './line-numbers.js';
import { analysisRequested, hintsOf, lastAssistantEntry } from './policy.js';
import type { RouterCompressionResult } from './types.js';

/** The memo's record of a content that did not compress (it is not tried again). */
const INCOMPRESSIBLE = 'passthrough';

/**
 * ContentRouter as a pipeline transform: every eligible tool result of the conversation, in order,
 * through the memo first (compress once, replay the same bytes on every later turn).
 */
export async function applyToConversation<I extends MessagesInput>(
  router: ContentRouter,
  input: I,
  opts: Partial<TransformContext>,
): Promise<TransformResult<I>> {
  const conv = toConversation(input);
  const view = viewOf(conv, { tokenizer: opts.tokenizer ?? router.tokenizer });
  const config = router.config;
  const memo = config.memo.enabled ? (opts.memo ?? router.deps.memo) : undefined;
  const frozen = opts.frozenMessageCount ?? 0;
  const liveFrom = config.scope === 'live' ? lastAssistantEntry(view) + 1 : 0;
  const recentFrom = view.entries.length - config.protectRecentCode;
  const protectAllCode = config.protectAnalysisContext && analysisRequested(view);

  const edits: Edit[] = [];
  const applied: string[] = [];
  const markers: string[] = [];
  const hashes: string[] = [];
  for (const slot of view.slots) {
    if (!eligible(slot, router, frozen, liveFrom)) continue;
    const hints = hintsOf(slot);
    const key = memo ? Memo.key(slot.text, router.fingerprint) : undefined;
    let value = key ? memo?.get(key) : undefined;
    if (value) {
      if (value.strategy === INCOMPRESSIBLE) continue;
      restore(router.store, slot.text, value.restore ?? []);
    } else {
      const code = detectContentType(slot.text, hints).type === 'code';
      if (code && (protectAllCode || slot.entry >= recentFrom)) continue; // protected: not memoized
      const query = opts.query ?? queryFor(view, slot);
      const outcome = await router.compressWithRestore(slot.text, { ...hints, query, ...signal(opts) });
      value = memoValue(outcome.result, outcome.restore);
      if (key && !transient(outcome.result)) memo?.set(key, value);
      if (value.strategy === INCOMPRESSIBLE) continue;
    }
    edits.push({ op: 'replace', slot, text: value.compressed });
    applied.push(`router:${slot.toolName ?? 'unknown'}:${value.strategy}`);
    markers.push(...parseMarkers(value.compressed).map((m) => m.text));
    hashes.push(...value.ccrHashes);
  }
  const result = editedResult(input, conv, { edits, applied, markers, hashes });
  return edits.length === 0 ? { ...result, transformsApplied: ['router:noop'] } : result;
}

function eligible(slot: TextSlot, router: ContentRouter, frozen: number, liveFrom: number): boolean {
  if (slot.kind !== 'tool-result' || slot.isError) return false;
  if (slot.entry < frozen || slot.entry < liveFrom) return false;
  if (slot.toolName !== undefined && router.config.excludeTools.includes(slot.toolName)) return false;
  return slot.text.trim() !== '' && !hasMarker(slot.text);
}

function memoValue(r: RouterCompressionResult, restoreList: MemoRestore[]): MemoValue {
  if (r.compressed === r.original) return { compressed: '', ccrHashes: [], strategy: INCOMPRESSIBLE };
  const ratio = (r.tokensBefore === 0 ? 1 : r.tokensAfter / r.tokensBefore).toFixed(2);
  return {
    compressed: r.compressed,
    ccrHashes: r.ccrHashes,
    strategy: `${r.strategyUsed}:${ratio}`,
    restore: restoreList,
  };
}

/** Failures that may not happen next time (errors, aborts) are not remembered. */
function transient(r: RouterCompressionResult): boolean {
  return r.routingLog.some((d) => /(?:^|;)(?:error|aborted)/.test(d.reason));
}

/** A memo hit re-sends markers: put their originals again (a refresh, or a rebuild if lost). */
function restore(store: CcrSink, content: string, list: readonly MemoRestore[]): void {
  for (const r of list) {
    const slice = content.slice(r.from, r.to);
    store.put({ ...r.entry, original: r.rewrite === LINE_NUMBER_REWRITE ? stripLineNumbers(slice) : slice });
  }
}

const signal = (opts: Partial<TransformContext>) => (opts.signal ? { signal: opts.signal } : {});
