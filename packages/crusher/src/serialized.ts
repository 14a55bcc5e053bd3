import { containsRawNumber, type JsonValue, stringifyCompact } from '@headroom/core';
import { shapeHash, valueShapeHash } from './shape-hash.js';
import { shapeSignature } from './shape-signature.js';

/** Compact serializations of an array's items, computed on first use and cached. */
export interface Serialized {
  (i: number): string;
  /** True when item i is already serialized (summing those first costs nothing). */
  has(i: number): boolean;
  /** Sum of the compact lengths of all items. */
  total(): number;
  /** `shapeHash` of item i's compact JSON, from the cached text or else from the value itself. */
  shape(i: number): number;
  /** `shapeSignature` of item i: a few chars per string instead of all of them. */
  signature(i: number): number;
  /** Compact JSON of the whole array, from what is already serialized where possible. */
  whole(): string;
}

/**
 * Lazy per-item compact JSON. Most arrays are thinned to a few dozen rows, and only those, the
 * adaptive-k sample and the dedup candidates need their text: serializing every item up front
 * cost about as much as parsing the input.
 */
export function lazySerialized(items: readonly JsonValue[], rawFree = false): Serialized {
  // One check for the whole array lets each row use native JSON.stringify.
  const exact = !rawFree && containsRawNumber(items);
  const cache: (string | undefined)[] = new Array(items.length);
  const get = ((i: number) => {
    let s = cache[i];
    if (s === undefined) {
      s = exact ? stringifyCompact(items[i]) : (JSON.stringify(items[i]) ?? 'null');
      cache[i] = s;
    }
    return s;
  }) as Serialized;
  get.has = (i) => cache[i] !== undefined;
  get.shape = (i) => {
    const s = cache[i];
    return s === undefined ? valueShapeHash(items[i], exact) : shapeHash(s);
  };
  get.signature = (i) => shapeSignature(items[i]);
  get.total = () => {
    const n = items.length;
    let cached = 0;
    for (let i = 0; i < n; i++) if (cache[i] !== undefined) cached++;
    if (cached * 2 >= n) {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += get(i).length;
      return sum;
    }
    // One native call for the whole array beats n calls: `[` + items joined by `,` + `]`.
    return get.whole().length - 2 - Math.max(0, n - 1);
  };
  let whole: string | undefined;
  get.whole = () => {
    if (whole !== undefined) return whole;
    const n = items.length;
    let cached = 0;
    for (let i = 0; i < n; i++) if (cache[i] !== undefined) cached++;
    // An array's compact JSON is its items' joined by commas in brackets.
    whole = cached === n ? `[${cache.join(',')}]` : exact ? stringifyCompact(items) : JSON.stringify(items);
    return whole;
  };
  return get;
}
