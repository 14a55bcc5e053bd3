import {
  child,
  type JArray,
  type JNode,
  type JObject,
  literalText,
  scanJson,
  stringField,
} from './json-scan.js';
import type { RecentScans } from './recent-scans.js';

export type Provider = 'anthropic' | 'openai';
export type Endpoint = 'messages' | 'chat' | 'responses';

/** The parts of a request body the plan reads: everything else stays bytes. */
export interface RequestShape {
  buf: Buffer;
  root: JObject;
  endpoint: Endpoint;
  model: string | undefined;
  stream: boolean;
  /** `messages`, or the Responses `input` array. */
  messages: JArray | undefined;
  tools: JArray | undefined;
}

export class ShapeError extends Error {}

const LIST_KEY: Record<Endpoint, string> = { messages: 'messages', chat: 'messages', responses: 'input' };

/**
 * Scans the body; throws on invalid JSON, a non-object root, or a duplicate key on an edited path.
 * With `recent`, a body that repeats a recent one as a prefix is scanned from where it differs.
 */
export function readShape(buf: Buffer, endpoint: Endpoint, recent?: RecentScans): RequestShape {
  const listKey = LIST_KEY[endpoint];
  const resume = recent?.resumeFor(buf, listKey);
  const root = scanJson(buf, resume);
  if (root.kind !== 'object') throw new ShapeError('body is not a JSON object');
  for (const key of ['messages', 'input', 'tools', 'stream', 'model']) {
    if (root.dup.has(key)) throw new ShapeError(`duplicate key ${key}`);
  }
  recent?.remember(buf, listKey, root, resume);
  const list = root.keys.get(listKey);
  const tools = root.keys.get('tools');
  return {
    buf,
    root,
    endpoint,
    model: stringField(buf, root, 'model'),
    stream: literalText(buf, root.keys.get('stream')) === 'true',
    messages: list?.kind === 'array' ? list : undefined,
    tools: tools?.kind === 'array' ? tools : undefined,
  };
}

/** Role of a message / item (`type` for Responses items that have no role). */
export function roleOf(buf: Buffer, node: JNode): string | undefined {
  return stringField(buf, node, 'role') ?? stringField(buf, node, 'type');
}

export function isObject(node: JNode | undefined): node is JObject {
  return node?.kind === 'object';
}

export { child };
