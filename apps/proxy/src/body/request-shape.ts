import {
  child,
  type JArray,
  type JNode,
  type JObject,
  literalText,
  scanJson,
  stringField,
} from './json-scan.js';

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

/** Scans the body; throws on invalid JSON, a non-object root, or a duplicate key on an edited path. */
export function readShape(buf: Buffer, endpoint: Endpoint): RequestShape {
  const root = scanJson(buf);
  if (root.kind !== 'object') throw new ShapeError('body is not a JSON object');
  for (const key of ['messages', 'input', 'tools', 'stream', 'model']) {
    if (root.dup.has(key)) throw new ShapeError(`duplicate key ${key}`);
  }
  const list = root.keys.get(LIST_KEY[endpoint]);
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
