import { createHash } from 'node:crypto';
import type { Provider } from '../body/request-shape.js';
import type { Unit } from '../body/units.js';

/**
 * `sha256("v1" ‖ provider ‖ toolCallId ‖ rawLiteralBytes)` (proxy.md §7): the tool-call id makes the
 * key position-exact, and hashing the raw literal (escapes included) avoids decoding history.
 */
export function memoKey(provider: Provider, toolCallId: string, raw: Buffer): string {
  return createHash('sha256')
    .update('v1\0')
    .update(provider)
    .update('\0')
    .update(toolCallId)
    .update('\0')
    .update(raw)
    .digest('hex');
}

/** Keys of literals a later turn's scan reused (`RecentScans`): history is not hashed again. */
const keyed = new WeakMap<object, { provider: Provider; toolCallId: string; key: string }>();

/** The unit's memo key, computed once per scanned literal. */
export function unitMemoKey(provider: Provider, buf: Buffer, u: Unit): string {
  const known = keyed.get(u.literal);
  if (known && known.provider === provider && known.toolCallId === u.toolCallId) return known.key;
  const key = memoKey(provider, u.toolCallId, buf.subarray(u.literal.start, u.literal.end));
  keyed.set(u.literal, { provider, toolCallId: u.toolCallId, key });
  return key;
}
