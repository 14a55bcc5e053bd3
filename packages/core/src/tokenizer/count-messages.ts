import type { AnyMessage, WireFormat } from '../messages/types.js';
import type { Tokenizer } from './tokenizer.js';

/** OpenAI cookbook convention: per message, per `name`, and the reply priming. */
export const TOKENS_PER_MESSAGE = 3;
export const TOKENS_PER_NAME = 1;
export const REPLY_PRIMING_TOKENS = 3;
/** Flat cost of an image part (the low-detail tile price). */
export const IMAGE_TOKENS = 85;

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Fields that hold opaque or binary payloads: never shown to the model as text. */
const HIDDEN_FIELDS = new Set(['signature', 'encrypted_content', 'data', 'cache_control']);
const IMAGE_TYPES = new Set(['image', 'image_url', 'input_image']);

function visibleJson(value: unknown): string {
  return JSON.stringify(value, (key, v) => (HIDDEN_FIELDS.has(key) ? undefined : v)) ?? '';
}

/** Tokens of a message's content, whatever its shape: strings, parts, blocks, calls. */
function countContent(value: unknown, t: Tokenizer): number {
  if (typeof value === 'string') return t.count(value);
  if (Array.isArray(value)) {
    let n = 0;
    for (const part of value) n += countContent(part, t);
    return n;
  }
  if (!isRec(value)) return 0;
  const type = value.type;
  if (typeof type === 'string' && IMAGE_TYPES.has(type)) return IMAGE_TOKENS;
  switch (type) {
    case 'text':
    case 'input_text':
    case 'output_text':
      return t.count(typeof value.text === 'string' ? value.text : '');
    case 'thinking':
      return t.count(typeof value.thinking === 'string' ? value.thinking : '');
    case 'redacted_thinking':
      return 0;
    case 'tool_use':
      return countStrings(t, value.name, value.id) + t.count(JSON.stringify(value.input ?? {}));
    case 'tool_result':
      return countStrings(t, value.tool_use_id) + countContent(value.content, t);
    default:
      return t.count(visibleJson(value));
  }
}

function countStrings(t: Tokenizer, ...values: unknown[]): number {
  let n = 0;
  for (const v of values) if (typeof v === 'string') n += t.count(v);
  return n;
}

function countChat(m: Rec, t: Tokenizer): number {
  let n = TOKENS_PER_MESSAGE + countContent(m.content ?? '', t);
  if (typeof m.name === 'string') n += TOKENS_PER_NAME + t.count(m.name);
  if (typeof m.tool_call_id === 'string') n += t.count(m.tool_call_id);
  if (Array.isArray(m.tool_calls)) {
    for (const call of m.tool_calls) {
      if (!isRec(call)) continue;
      const fn = isRec(call.function) ? call.function : {};
      n += countStrings(t, call.id, fn.name, fn.arguments);
    }
  }
  return n;
}

function countResponses(m: Rec, t: Tokenizer): number {
  const type = typeof m.type === 'string' ? m.type : 'message';
  if (type === 'message') return TOKENS_PER_MESSAGE + countContent(m.content ?? '', t);
  if (type.endsWith('_call_output'))
    return TOKENS_PER_MESSAGE + countStrings(t, m.call_id) + countContent(m.output, t);
  if (type === 'function_call' || type === 'custom_tool_call') {
    return TOKENS_PER_MESSAGE + countStrings(t, m.call_id, m.name, m.arguments, m.input);
  }
  if (type === 'reasoning') return TOKENS_PER_MESSAGE + countContent(m.summary ?? [], t);
  return TOKENS_PER_MESSAGE + t.count(visibleJson(m));
}

function countAnthropic(m: Rec, t: Tokenizer): number {
  return TOKENS_PER_MESSAGE + countContent(m.content ?? '', t);
}

/** Tokens of one wire message, overhead included. */
export function countMessage(format: WireFormat, message: AnyMessage, t: Tokenizer): number {
  if (!isRec(message)) return TOKENS_PER_MESSAGE;
  if (format === 'openai-chat') return countChat(message, t);
  if (format === 'openai-responses') return countResponses(message, t);
  return countAnthropic(message, t);
}

/** Tokens of an external system prompt (Anthropic `system`, Responses `instructions`). */
export function countSystem(system: unknown, t: Tokenizer): number {
  return system === undefined ? 0 : TOKENS_PER_MESSAGE + countContent(system, t);
}
