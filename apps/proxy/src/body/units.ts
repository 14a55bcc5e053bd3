import { child, decodeString, type JNode, type JString, literalText, stringField } from './json-scan.js';
import { isObject, type RequestShape, roleOf } from './request-shape.js';

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

/** Tool-call id → tool name, from the assistant turns. */
function toolNames(shape: RequestShape): Map<string, string> {
  const names = new Map<string, string>();
  const { buf } = shape;
  for (const m of shape.messages?.items ?? []) {
    if (shape.endpoint === 'responses') {
      const id = stringField(buf, m, 'call_id');
      const name = stringField(buf, m, 'name');
      if (id && name) names.set(id, name);
      continue;
    }
    if (stringField(buf, m, 'role') !== 'assistant') continue;
    const blocks = shape.endpoint === 'messages' ? child(m, 'content') : child(m, 'tool_calls');
    if (blocks?.kind !== 'array') continue;
    for (const b of blocks.items) {
      const id = stringField(buf, b, 'id');
      const name =
        shape.endpoint === 'messages'
          ? stringField(buf, b, 'name')
          : stringField(buf, child(b, 'function'), 'name');
      if (id && name) names.set(id, name);
    }
  }
  return names;
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

/** Every tool-output unit of the request, in order, with its live/history zone. */
export function findUnits(shape: RequestShape): Unit[] {
  const items = shape.messages?.items ?? [];
  const { buf } = shape;
  let lastAssistant = -1;
  items.forEach((m, i) => {
    const role = roleOf(buf, m);
    if (role && ASSISTANT_ITEMS.has(role)) lastAssistant = i;
  });
  const names = toolNames(shape);
  const units: Unit[] = [];
  const push = (lits: JString[], i: number, id: string | undefined, isError: boolean) => {
    if (!id) return;
    for (const literal of lits) {
      units.push({
        literal,
        messageIndex: i,
        toolCallId: id,
        toolName: names.get(id),
        isError,
        live: i > lastAssistant,
      });
    }
  };
  items.forEach((m, i) => {
    if (!isObject(m)) return;
    if (shape.endpoint === 'messages') {
      const content = child(m, 'content');
      if (stringField(buf, m, 'role') !== 'user' || content?.kind !== 'array') return;
      for (const b of content.items) {
        if (stringField(buf, b, 'type') !== 'tool_result') continue;
        const isError = literalText(buf, child(b, 'is_error')) === 'true';
        push(textLiterals(buf, child(b, 'content')), i, stringField(buf, b, 'tool_use_id'), isError);
      }
    } else if (shape.endpoint === 'chat') {
      if (stringField(buf, m, 'role') !== 'tool') return;
      push(textLiterals(buf, child(m, 'content')), i, stringField(buf, m, 'tool_call_id'), false);
    } else {
      const type = stringField(buf, m, 'type');
      if (type !== 'function_call_output' && type !== 'custom_tool_call_output') return;
      const output = child(m, 'output');
      push(output?.kind === 'string' ? [output] : [], i, stringField(buf, m, 'call_id'), false);
    }
  });
  return units;
}

export function unitText(buf: Buffer, unit: Unit): string {
  return decodeString(buf, unit.literal);
}
