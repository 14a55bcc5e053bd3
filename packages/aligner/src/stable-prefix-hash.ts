import {
  type CacheAlignerConfigInput,
  contentHash,
  getTokenizer,
  LruMap,
  type MessagesInput,
  viewOf,
} from '@headroom/core';
import { analyzeSystem } from './analyze.js';
import { compiledFor } from './compiled-config.js';
import { StableTexts } from './stable-texts.js';
import { leadingSystem } from './system-slots.js';

const memo = new LruMap<string, string>({ maxEntries: 256 });
// A module-wide cache, so kept smaller than an aligner's: a new date with a known stable text skips its hash.
const stableTexts = new StableTexts(64, 4 * 1024 * 1024);

/**
 * The hash a request's stable system prefix would have after alignment (the same as
 * `CacheAligner#align(...).stablePrefixHash`), without rewriting anything. Memoized per system text
 * and config; an unreadable request hashes as an empty prefix rather than throwing.
 */
export function stablePrefixHash(messages: MessagesInput, config?: CacheAlignerConfigInput): string {
  const compiled = compiledFor(config);
  let texts: string[];
  try {
    // The view only needs a tokenizer for counts, which this never asks for.
    const view = viewOf(messages, { tokenizer: getTokenizer() });
    texts = leadingSystem(view, false).slots.map((s) => s.text);
  } catch {
    return contentHash('');
  }
  const key = `${compiled.fingerprint}:${texts.length}:${contentHash(texts.length === 1 ? texts[0]! : JSON.stringify(texts))}`;
  let hash = memo.get(key);
  if (hash === undefined) {
    hash = analyzeSystem(texts, compiled, stableTexts).stablePrefixHash;
    memo.set(key, hash);
  }
  return hash;
}
