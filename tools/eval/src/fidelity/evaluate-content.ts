import { type CcrStore, getTokenizer, MemoryCcrStore, type Tokenizer } from '@headroom/core';
import { compressContent } from '@headroom/router';
import type { ContentCase } from './case.js';
import { headTail } from './head-tail.js';
import { ccrRoundTrip, keptCount } from './metrics.js';
import { type CaseResult, HEAD_TAIL, HEADROOM, PASSTHROUGH, type Score } from './score.js';
import { isValid } from './validity.js';

/** The compressor under test; the gate test swaps in a broken one. */
export type ContentCompressor = (c: ContentCase, store: CcrStore) => Promise<string>;

export const headroomContent: ContentCompressor = async (c, store) =>
  (
    await compressContent(c.text, {
      store,
      ...(c.query === undefined ? {} : { query: c.query }),
      ...(c.toolName === undefined ? {} : { toolName: c.toolName }),
      ...(c.filePath === undefined ? {} : { filePath: c.filePath }),
    })
  ).compressed;

async function score(
  c: ContentCase,
  output: string,
  ms: number,
  store: CcrStore,
  t: Tokenizer,
): Promise<Score> {
  const ccr = await ccrRoundTrip(output, c.text, store);
  const valid = isValid(output, c.validity);
  return {
    tokensBefore: t.count(c.text),
    tokensAfter: t.count(output),
    mustKeep: c.mustKeep.length,
    kept: keptCount(output, c.mustKeep),
    ...(valid === undefined ? {} : { valid }),
    ccrMarkers: ccr.markers,
    ccrExact: ccr.exact,
    ms,
  };
}

/** Headroom beside passthrough and head+tail truncation to Headroom's own output size. */
export async function evaluateContent(
  c: ContentCase,
  compressor: ContentCompressor = headroomContent,
  t: Tokenizer = getTokenizer('gpt-4o'),
): Promise<CaseResult> {
  const store = new MemoryCcrStore();
  const start = performance.now();
  let output: string;
  try {
    output = await compressor(c, store);
  } catch {
    output = c.text; // a throwing compressor scores as passthrough: the caller never sees the throw
  }
  const ms = performance.now() - start;
  const headroom = await score(c, output, ms, store, t);
  const cutStart = performance.now();
  const cut = headTail(c.text, headroom.tokensAfter, t);
  const cutMs = performance.now() - cutStart;
  return {
    id: c.id,
    kind: c.kind,
    origin: c.origin,
    methods: {
      [HEADROOM]: headroom,
      [PASSTHROUGH]: await score(c, c.text, 0, store, t),
      [HEAD_TAIL]: await score(c, cut, cutMs, store, t),
    },
  };
}
