import { HeadroomError } from '../errors.js';
import type { AnyMessage, WireFormat } from './types.js';

const RESPONSES_ITEM_TYPES = new Set(['message', 'reasoning', 'compaction', 'item_reference']);
const RESPONSES_PART_TYPES = new Set(['input_text', 'output_text']);
const ANTHROPIC_BLOCK_TYPES = new Set(['tool_use', 'tool_result', 'thinking', 'redacted_thinking']);

/** True for Responses tool items: `function_call`, `*_call`, `*_call_output`. */
export function isResponsesToolType(type: string): boolean {
  return type.endsWith('_call') || type.endsWith('_call_output');
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined;
}

function partsOf(m: Record<string, unknown>): Record<string, unknown>[] {
  const parts = Array.isArray(m.content) ? m.content : Array.isArray(m.output) ? m.output : [];
  return parts.map(asRecord).filter((p): p is Record<string, unknown> => p !== undefined);
}

interface Signals {
  responses: boolean;
  /** Chat-only signals (tool role, tool_calls), which Responses input never has. */
  chatOnly: boolean;
  /** Roles system/developer: Chat, but also valid Responses easy-input messages. */
  chatRole: boolean;
  anthropic: boolean;
}

function signalsOf(messages: readonly AnyMessage[]): Signals {
  const s: Signals = { responses: false, chatOnly: false, chatRole: false, anthropic: false };
  for (const raw of messages) {
    const m = asRecord(raw);
    if (!m) continue;
    const type = typeof m.type === 'string' ? m.type : undefined;
    if (type !== undefined && (RESPONSES_ITEM_TYPES.has(type) || isResponsesToolType(type)))
      s.responses = true;
    if (m.role === 'tool' || Array.isArray(m.tool_calls)) s.chatOnly = true;
    if (m.role === 'system' || m.role === 'developer') s.chatRole = true;
    for (const part of partsOf(m)) {
      const pt = part.type;
      if (typeof pt !== 'string') continue;
      if (RESPONSES_PART_TYPES.has(pt)) s.responses = true;
      if (ANTHROPIC_BLOCK_TYPES.has(pt) || (pt === 'image' && 'source' in part)) s.anthropic = true;
    }
  }
  return s;
}

/**
 * Detects the wire format of a message array. Plain `{role, content: string}` messages are
 * ambiguous and handled identically by all three formats, so they default to `openai-chat`.
 * Conflicting signals throw `MIXED_FORMAT`, which transforms turn into a pass-through.
 */
export function detectFormat(messages: readonly AnyMessage[]): WireFormat {
  const s = signalsOf(messages);
  const formats: WireFormat[] = [];
  if (s.responses) formats.push('openai-responses');
  if (s.chatOnly || (s.chatRole && !s.responses)) formats.push('openai-chat');
  if (s.anthropic) formats.push('anthropic');
  if (formats.length > 1) {
    throw new HeadroomError('MIXED_FORMAT', `Messages mix wire formats: ${formats.join(', ')}`);
  }
  return formats[0] ?? 'openai-chat';
}
