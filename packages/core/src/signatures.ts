import { shortHash } from './hash.js';
import { RawNumber } from './json/raw-number.js';
import { stableStringify } from './json/stringify.js';
import { LruMap } from './lru.js';

/** TOIN signatures are 24 hex chars and never contain content. */
const SIGNATURE_LENGTH = 24;

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (v instanceof RawNumber) return 'number';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** Shape of a batch of items: sorted `[field, kind]` pairs of up to five items. Tool names never enter it. */
export function structureSignature(items: readonly unknown[]): string {
  const pairs = new Set<string>();
  for (const item of items.slice(0, 5)) {
    if (typeof item === 'object' && item !== null && !Array.isArray(item) && !(item instanceof RawNumber)) {
      for (const [k, v] of Object.entries(item)) pairs.add(`${k}:${kindOf(v)}`);
    } else {
      pairs.add(`:${kindOf(item)}`);
    }
  }
  return shortHash(`structure|${[...pairs].sort().join('|')}`, SIGNATURE_LENGTH);
}

/** Signature of non-JSON content: its strategy and language, so like outputs share one pattern. */
export function contentSignature(strategy: string, language?: string): string {
  return shortHash(`content|${strategy}|${language ?? ''}`, SIGNATURE_LENGTH);
}

export interface DropSummary {
  roles: Partial<Record<string, number>>;
  tools: readonly string[];
  errors: number;
  tokens: number;
}

/** Signature of a set of dropped messages: role counts, tools, errors and a size bucket. */
export function messageDropSignature(d: DropSummary): string {
  const sizeBucket = d.tokens <= 0 ? 0 : Math.floor(Math.log2(d.tokens));
  const shape = {
    roles: d.roles,
    tools: [...new Set(d.tools)].sort(),
    errors: d.errors > 0,
    size: sizeBucket,
  };
  return shortHash(`drop|${stableStringify(shape)}`, SIGNATURE_LENGTH);
}

// Field names repeat across every call (TOIN's query step hashes each query word): a SHA-256 costs
// 1–2 µs, a cache hit a fraction of that.
const fieldHashes = new LruMap<string, string>({ maxEntries: 4096 });

/** Privacy-preserving hash of a field name (TOIN never stores names): first 8 hex of SHA-256. */
export function fieldHash(name: string): string {
  let hash = fieldHashes.get(name);
  if (hash === undefined) {
    hash = shortHash(`field|${name}`, 8);
    fieldHashes.set(name, hash);
  }
  return hash;
}

/** Privacy-preserving hash of a JSON value, canonical (sorted keys): first 8 hex of SHA-256. */
export function valueHash(value: unknown): string {
  return shortHash(`value|${stableStringify(value)}`, 8);
}

/** First 16 hex of the SHA-256 of a parsed config's stable JSON: equal configs, equal fingerprints. */
export function configFingerprint(config: unknown): string {
  return shortHash(stableStringify(config), 16);
}
