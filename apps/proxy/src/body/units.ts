import { child, decodeString, type JNode, type JString, literalText, stringField } from './json-scan.js';
import { type Endpoint, isObject, type RequestShape, roleOf } from './request-shape.js';

/** One tool-output string literal the plan may replace. */
export interface Unit {
  literal: JString;
  /** Index of the message / item holding it. */
  messageIndex: number;
  toolCallId: string;
  toolName: string | undefined;
  isError: boolean;
  /** After the last assistant turn: may be compressed for the first time. */
  live: boolean;
}

const ASSISTANT_ITEMS = new Set(['assistant', 'function_call', 'custom_tool_call', 'reasoning']);

/** What one message / item says about tool calls, read once per scan node. */
interface MessageFacts {
  endpoint: Endpoint;
  assistant: boolean;
  /** Tool calls it makes: [id, name]. */
  calls: Array<[string, string]>;
  /** Tool outputs it carries. */
  outputs: Array<{ literals: JString[]; id: string; isError: boolean }>;
}

/** Facts of nodes a later turn's scan reused (`RecentScans`): history is not re-read each turn. */
const factsByNode = new WeakMap<object, MessageFacts>();

function factsOf(buf: Buffer, m: JNode, endpoint: Endpoint): MessageFacts {
  const known = factsByNode.get(m);
  if (known?.endpoint === endpoint) return known;
  const role = roleOf(buf, m);
  const facts: MessageFacts = {
    endpoint,
    assistant: role !== undefined && ASSISTANT_ITEMS.has(role),
    calls: toolCalls(buf, m, endpoint),
    outputs: isObject(m) ? toolOutputs(buf, m, endpoint) : [],
  };
  factsByNode.set(m, facts);
  return facts;
}

/** Tool-call id → tool name pairs of an assistant turn. */
function toolCalls(buf: Buffer, m: JNode, endpoint: Endpoint): Array<[string, string]> {
  if (endpoint === 'responses') {
    const id = stringField(buf, m, 'call_id');
    const name = stringField(buf, m, 'name');
    return id && name ? [[id, name]] : [];
  }
  if (stringField(buf, m, 'role') !== 'assistant') return [];
  const blocks = endpoint === 'messages' ? child(m, 'content') : child(m, 'tool_calls');
  if (blocks?.kind !== 'array') return [];
  const calls: Array<[string, string]> = [];
  for (const b of blocks.items) {
    const id = stringField(buf, b, 'id');
    const name =
      endpoint === 'messages' ? stringField(buf, b, 'name') : stringField(buf, child(b, 'function'), 'name');
    if (id && name) calls.push([id, name]);
  }
  return calls;
}

/** String literals of a tool output: the string itself, or the `text` of its text parts. */
function textLiterals(buf: Buffer, content: JNode | undefined): JString[] {
  if (content?.kind === 'string') return [content];
  if (content?.kind !== 'array') return [];
  const out: JString[] = [];
  for (const part of content.items) {
    const type = stringField(buf, part, 'type');
    const text = child(part, 'text');
    if ((type === 'text' || type === 'input_text' || type === 'output_text') && text?.kind === 'string')
      out.push(text);
  }
  return out;
}

function toolOutputs(buf: Buffer, m: JNode, endpoint: Endpoint): MessageFacts['outputs'] {
  const outputs: MessageFacts['outputs'] = [];
  const add = (literals: JString[], id: string | undefined, isError: boolean) => {
    if (id) outputs.push({ literals, id, isError });
  };
  if (endpoint === 'messages') {
    const content = child(m, 'content');
    if (stringField(buf, m, 'role') !== 'user' || content?.kind !== 'array') return outputs;
    for (const b of content.items) {
      if (stringField(buf, b, 'type') !== 'tool_result') continue;
      const isError = literalText(buf, child(b, 'is_error')) === 'true';
      add(textLiterals(buf, child(b, 'content')), stringField(buf, b, 'tool_use_id'), isError);
    }
  } else if (endpoint === 'chat') {
    if (stringField(buf, m, 'role') === 'tool')
      add(textLiterals(buf, child(m, 'content')), stringField(buf, m, 'tool_call_id'), false);
  } else {
    const type = stringField(buf, m, 'type');
    if (type === 'function_call_output' || type === 'custom_tool_call_output') {
      const output = child(m, 'output');
      add(output?.kind === 'string' ? [output] : [], stringField(buf, m, 'call_id'), false);
    }
  }
  return outputs;
}

/** Every tool-output unit of the request, in order, with its live/history zone. */
export function findUnits(shape: RequestShape): Unit[] {
  const facts = (shape.messages?.items ?? []).map((m) => factsOf(shape.buf, m, shape.endpoint));
  let lastAssistant = -1;
  const names = new Map<string, string>();
  facts.forEach((f, i) => {
    if (f.assistant) lastAssistant = i;
    for (const [id, name] of f.calls) names.set(id, name);
  });
  const units: Unit[] = [];
  facts.forEach((f, i) => {
    for (const { literals, id, isError } of f.outputs) {
      for (const literal of literals) {
        units.push({
          literal,
          messageIndex: i,
          toolCallId: id,
          toolName: names.get(id),
          isError,
          live: i > lastAssistant,
        });
      }
    }
  });
  return units;
}

export function unitText(buf: Buffer, unit: Unit): string {
  return decodeString(buf, unit.literal);
}
