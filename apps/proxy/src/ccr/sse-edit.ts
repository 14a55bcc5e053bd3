import { decodeString, type JNode, scanJson } from '../body/json-scan.js';
import { type Edit, jsonStringBytes, splice } from '../body/splice.js';

const DATA = Buffer.from('data:');

/** The byte range of an event's JSON payload when it sits on one `data:` line (all OpenAI events do). */
function payloadSpan(raw: Buffer): { start: number; end: number } | undefined {
  let at = raw.indexOf(DATA);
  while (at > 0 && raw[at - 1] !== 0x0a) at = raw.indexOf(DATA, at + 1);
  if (at === -1) return undefined;
  let start = at + DATA.length;
  if (raw[start] === 0x20) start++;
  let end = raw.indexOf(0x0a, start);
  if (end === -1) return undefined;
  if (raw[end - 1] === 0x0d) end--;
  // A second data line would make the payload span lines: not spliceable.
  const next = raw.indexOf(DATA, end);
  if (next !== -1 && raw[next - 1] === 0x0a) return undefined;
  return { start, end };
}

/**
 * Edits an SSE event's JSON payload by splicing bytes, never re-encoding it (proxy.md §8.6).
 * `edits` sees the payload and its scan. Returns the raw bytes unchanged when nothing changes or
 * the payload cannot be located (a multi-line `data:` payload, which OpenAI does not send).
 */
export function editEvent(raw: Buffer, edits: (buf: Buffer, root: JNode) => Array<Edit | undefined>): Buffer {
  const span = payloadSpan(raw);
  if (!span) return raw;
  const payload = raw.subarray(span.start, span.end);
  let root: JNode;
  try {
    root = scanJson(payload);
  } catch {
    return raw;
  }
  const list = edits(payload, root).filter((e): e is Edit => e !== undefined);
  if (list.length === 0) return raw;
  return Buffer.concat([raw.subarray(0, span.start), splice(payload, list), raw.subarray(span.end)]);
}

/** An edit setting a string node to `value`, or undefined when it already holds it. */
export function setString(buf: Buffer, node: JNode | undefined, value: string): Edit | undefined {
  if (node?.kind !== 'string' || decodeString(buf, node) === value) return undefined;
  return { start: node.start, end: node.end, bytes: jsonStringBytes(value) };
}

/** An edit setting a number literal to `value`, or undefined when it already holds it. */
export function setNumber(buf: Buffer, node: JNode | undefined, value: number): Edit | undefined {
  if (node?.kind !== 'literal') return undefined;
  const text = String(value);
  if (buf.toString('latin1', node.start, node.end) === text) return undefined;
  return { start: node.start, end: node.end, bytes: Buffer.from(text, 'latin1') };
}

/** One `data:` event (Chat chunks carry no `event:` line). */
export function encodeData(data: unknown): Buffer {
  return Buffer.from(`data: ${JSON.stringify(data)}\n\n`, 'utf8');
}
