import { type Endpoint, readShape } from './request-shape.js';
import { splice } from './splice.js';

/** Appends JSON-encoded entries to the messages / `input` array of a forwarded body (byte-faithful). */
export function appendToConversation(body: Buffer, endpoint: Endpoint, entries: readonly string[]): Buffer {
  const list = readShape(body, endpoint).messages;
  if (!list) throw new Error('no conversation array');
  const lead = list.items.length > 0 ? ',' : '';
  const at = list.end - 1;
  return splice(body, [{ start: at, end: at, bytes: Buffer.from(lead + entries.join(','), 'utf8') }]);
}
