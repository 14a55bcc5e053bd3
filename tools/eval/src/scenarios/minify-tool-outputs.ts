import {
  applyEdits,
  type Conversation,
  contentHash,
  type Edit,
  LruMap,
  stringifyCompact,
  type Transform,
  type TransformContext,
  type TransformResult,
  tryParseJson,
  unchangedResult,
  viewOf,
} from '@headroom/core';

/**
 * The proxy's other transforms, as far as they exist yet: lossless minification of JSON tool
 * outputs (SmartCrusher's first, lossless step), memoized by content hash so that a tool output is
 * re-sent with the same bytes on every later request, as the proxy's memo guarantees. When the
 * router lands, the pipeline scenario swaps this for its default pipeline.
 */
export class MinifyToolOutputs implements Transform {
  readonly name = 'minify_tool_outputs';
  readonly role = 'compressor' as const;
  private readonly memo = new LruMap<string, string | null>({ maxEntries: 10_000 });

  apply(input: Conversation, ctx: TransformContext): TransformResult {
    const view = viewOf(input, ctx);
    const edits: Edit[] = [];
    for (const slot of view.slots) {
      if (slot.kind !== 'tool-result') continue;
      const compact = this.minified(slot.text);
      if (compact !== null) edits.push({ op: 'replace', slot, text: compact });
    }
    if (edits.length === 0) return unchangedResult(input, input);
    const conversation = applyEdits(input, edits);
    return {
      messages: conversation,
      conversation,
      transformsApplied: [`minify_tool_outputs:${edits.length}`],
      markersInserted: [],
      ccrHashes: [],
      warnings: [],
    };
  }

  /** The compact JSON of a tool output, or null when it is not JSON or already compact. */
  private minified(text: string): string | null {
    const key = contentHash(text);
    const hit = this.memo.get(key);
    if (hit !== undefined) return hit;
    const value = tryParseJson(text);
    const compact = value === undefined ? null : stringifyCompact(value);
    const out = compact !== null && compact.length < text.length ? compact : null;
    this.memo.set(key, out);
    return out;
  }
}
