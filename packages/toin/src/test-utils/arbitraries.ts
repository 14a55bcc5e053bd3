import type { JsonValue } from '@headroom/core';
import fc from 'fast-check';
import type { Toin } from '../toin.js';

/** A few signatures, so events pile up on shared patterns. */
const SIGNATURES = ['a', 'b', 'c', 'd'].map((c) => c.repeat(24));
const FIELDS = ['status', 'id', 'amount', 'region', 'note', 'level'];
const VALUES: JsonValue[] = ['ok', 'failed', 'error', 'pending', 1, 2.5, true, null, 'x'];

const item = fc.dictionary(fc.constantFrom(...FIELDS), fc.constantFrom(...VALUES), { maxKeys: 6 });
const query = fc.oneof(
  fc.constant(''),
  fc.constantFrom('status:failed', 'id=7', 'amount > 3', 'note contains x', 'show all', 'region != north'),
  fc.string({ maxLength: 30 }),
);

export type ToinEvent =
  | { kind: 'compress'; signature: string; items: JsonValue[]; query: string; before: number; after: number }
  | { kind: 'retrieve'; signature: string; full: boolean; query: string; items: JsonValue[] }
  | { kind: 'evict'; signature: string; retrieved: boolean }
  | { kind: 'drop'; signature: string; count: number; tokens: number };

export const eventArb: fc.Arbitrary<ToinEvent> = fc.oneof(
  fc.record({
    kind: fc.constant('compress' as const),
    signature: fc.constantFrom(...SIGNATURES),
    items: fc.array(item, { maxLength: 12 }),
    query,
    before: fc.integer({ min: 0, max: 5000 }),
    after: fc.integer({ min: 0, max: 5000 }),
  }),
  fc.record({
    kind: fc.constant('retrieve' as const),
    signature: fc.constantFrom(...SIGNATURES),
    full: fc.boolean(),
    query,
    items: fc.array(item, { maxLength: 4 }),
  }),
  fc.record({
    kind: fc.constant('evict' as const),
    signature: fc.constantFrom(...SIGNATURES),
    retrieved: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('drop' as const),
    signature: fc.constantFrom(...SIGNATURES),
    count: fc.integer({ min: 0, max: 9 }),
    tokens: fc.integer({ min: 0, max: 900 }),
  }),
);

export function apply(toin: Toin, e: ToinEvent): void {
  switch (e.kind) {
    case 'compress':
      toin.recordCompression({
        signature: e.signature,
        strategy: 'top_n',
        tokensBefore: e.before,
        tokensAfter: e.after,
        itemsBefore: e.items.length,
        itemsAfter: Math.floor(e.items.length / 2),
        items: e.items,
        query: e.query,
      });
      return;
    case 'retrieve':
      toin.recordRetrieval({
        signature: e.signature,
        kind: e.full ? 'full' : 'search',
        query: e.query,
        retrievedItems: e.items,
      });
      return;
    case 'evict':
      toin.recordEviction({ signature: e.signature, retrieved: e.retrieved });
      return;
    case 'drop':
      toin.recordDrop({ signature: e.signature, count: e.count, tokens: e.tokens });
  }
}

export const SIGNATURE_LIST = SIGNATURES;
