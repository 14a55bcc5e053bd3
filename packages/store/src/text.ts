/** A lone UTF-16 surrogate: UTF-8 cannot carry it, so such text cannot be stored byte-exact. */
const LONE_SURROGATE = /\p{Cs}/u;
const MEMO_KEY = /^[0-9a-f]{1,128}$/;

export function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** Memo keys are opaque lowercase hex of at most 128 characters (proxy.md §7). */
export function isMemoKey(key: unknown): key is string {
  return typeof key === 'string' && MEMO_KEY.test(key);
}
