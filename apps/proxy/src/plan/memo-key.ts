import { createHash } from 'node:crypto';
import type { Provider } from '../body/request-shape.js';

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
