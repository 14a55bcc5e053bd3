import { isResponsesToolType } from './detect.js';
import type { Conversation, Entry, EntryKind, Path, Role, SlotKind, TextSlot } from './types.js';

type Rec = Record<string, unknown>;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type SlotDraft = Mutable<TextSlot>;

const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const TEXT_PART_TYPES = new Set(['text', 'input_text', 'output_text']);

/** Text slots of a `string | part[]` field: the string itself, or each text part's `text`. */
function textSlots(entry: number, base: Path, value: unknown, kind: SlotKind): SlotDraft[] {
  if (typeof value === 'string') return [{ entry, path: base, kind, text: value }];
  if (!Array.isArray(value)) return [];
  const out: SlotDraft[] = [];
  value.forEach((part, i) => {
    if (isRec(part) && TEXT_PART_TYPES.has(part.type as string) && typeof part.text === 'string') {
      out.push({ entry, path: [...base, i, 'text'], kind, text: part.text });
    }
  });
  return out;
}

interface Draft {
  index: number;
  role: Role;
  kind: EntryKind;
  callIds: string[];
  resultIds: string[];
  slots: SlotDraft[];
  isRealUser: boolean;
}

const draft = (index: number, role: Role, kind: EntryKind, slots: SlotDraft[] = []): Draft => ({
  index,
  role,
  kind,
  callIds: [],
  resultIds: [],
  slots,
  isRealUser: false,
});

const hasText = (slots: readonly TextSlot[]) => slots.some((s) => s.text.trim().length > 0);

function chatEntry(m: Rec, i: number): Draft {
  switch (m.role) {
    case 'system':
    case 'developer':
      return draft(i, 'system', 'message', textSlots(i, ['content'], m.content, 'system-text'));
    case 'user': {
      const d = draft(i, 'user', 'message', textSlots(i, ['content'], m.content, 'user-text'));
      d.isRealUser = hasText(d.slots);
      return d;
    }
    case 'assistant': {
      const d = draft(i, 'assistant', 'message', textSlots(i, ['content'], m.content, 'assistant-text'));
      const calls = Array.isArray(m.tool_calls) ? m.tool_calls.filter(isRec) : [];
      d.callIds = calls.map((c) => str(c.id)).filter((id): id is string => id !== undefined);
      if (d.callIds.length > 0) d.kind = 'tool-call';
      return d;
    }
    case 'tool': {
      const d = draft(i, 'tool', 'tool-result', textSlots(i, ['content'], m.content, 'tool-result'));
      const id = str(m.tool_call_id);
      if (id !== undefined) {
        d.resultIds = [id];
        for (const s of d.slots) s.toolCallId = id;
      }
      return d;
    }
    default:
      return draft(i, 'assistant', 'opaque');
  }
}

function responsesEntry(m: Rec, i: number): Draft {
  const type = str(m.type) ?? (m.role !== undefined ? 'message' : 'unknown');
  if (type === 'message') {
    const role =
      m.role === 'system' || m.role === 'developer' ? 'system' : m.role === 'user' ? 'user' : 'assistant';
    const kind: SlotKind =
      role === 'system' ? 'system-text' : role === 'user' ? 'user-text' : 'assistant-text';
    const d = draft(i, role, 'message', textSlots(i, ['content'], m.content, kind));
    d.isRealUser = role === 'user' && hasText(d.slots);
    return d;
  }
  const callId = str(m.call_id);
  if (type.endsWith('_call_output') && callId !== undefined) {
    const d = draft(i, 'tool', 'tool-result', textSlots(i, ['output'], m.output, 'tool-result'));
    d.resultIds = [callId];
    for (const s of d.slots) s.toolCallId = callId;
    return d;
  }
  if (isResponsesToolType(type) && callId !== undefined) {
    const d = draft(i, 'assistant', 'tool-call');
    d.callIds = [callId];
    return d;
  }
  // reasoning, compaction, item_reference, self-contained *_call items (web search…), unknown.
  return draft(i, 'assistant', 'opaque');
}

function anthropicEntry(m: Rec, i: number): Draft {
  const content = m.content;
  if (m.role === 'assistant') {
    const d = draft(i, 'assistant', 'message', textSlots(i, ['content'], content, 'assistant-text'));
    if (Array.isArray(content)) {
      for (const b of content)
        if (isRec(b) && b.type === 'tool_use' && typeof b.id === 'string') d.callIds.push(b.id);
    }
    if (d.callIds.length > 0) d.kind = 'tool-call';
    return d;
  }
  if (m.role !== 'user') return draft(i, 'assistant', 'opaque');
  const userSlots = textSlots(i, ['content'], content, 'user-text');
  const resultSlots: SlotDraft[] = [];
  const resultIds: string[] = [];
  if (Array.isArray(content)) {
    content.forEach((b, bi) => {
      if (!isRec(b) || b.type !== 'tool_result') return;
      const id = str(b.tool_use_id);
      if (id !== undefined) resultIds.push(id);
      for (const s of textSlots(i, ['content', bi, 'content'], b.content, 'tool-result')) {
        if (id !== undefined) s.toolCallId = id;
        if (b.is_error === true) s.isError = true;
        resultSlots.push(s);
      }
    });
  }
  const realUser = hasText(userSlots);
  const role: Role = resultIds.length > 0 && !realUser ? 'tool' : 'user';
  const kind: EntryKind = resultIds.length === 0 ? 'message' : realUser ? 'mixed' : 'tool-result';
  const d = draft(i, role, kind, [...userSlots, ...resultSlots].sort(bySlotPosition));
  d.resultIds = resultIds;
  d.isRealUser = realUser;
  return d;
}

function bySlotPosition(a: TextSlot, b: TextSlot): number {
  return (a.path[1] as number) - (b.path[1] as number);
}

/**
 * Normalizes a conversation into entries; the external system prompt (if any) comes first, index -1.
 * Result slots get `toolName`/`toolArgs` from the latest earlier call with their id: recorded
 * agent traces do reuse call ids, so the first call with an id is not always the one answered.
 */
export function buildEntries(conv: Conversation): Entry[] {
  const entries: Draft[] = [];
  if (conv.system !== undefined) {
    entries.push(draft(-1, 'system', 'message', textSlots(-1, [], conv.system, 'system-text')));
  }
  const perFormat =
    conv.format === 'openai-chat'
      ? chatEntry
      : conv.format === 'openai-responses'
        ? responsesEntry
        : anthropicEntry;
  const calls = new Map<string, ToolCallInfo>();
  conv.messages.forEach((m, i) => {
    if (!isRec(m)) {
      entries.push(draft(i, 'assistant', 'opaque'));
      return;
    }
    const entry = perFormat(m, i);
    for (const slot of entry.slots) {
      const call = slot.toolCallId === undefined ? undefined : calls.get(slot.toolCallId);
      if (call?.name !== undefined) slot.toolName = call.name;
      if (call?.args !== undefined) slot.toolArgs = call.args;
    }
    for (const [id, info] of callsOf(m)) calls.set(id, info);
    entries.push(entry);
  });
  return entries;
}

interface ToolCallInfo {
  name?: string;
  args?: string;
}

/** The tool calls a wire message issues, in any of the three shapes. */
function callsOf(m: Rec): [string, ToolCallInfo][] {
  const out: [string, ToolCallInfo][] = [];
  if (Array.isArray(m.tool_calls)) {
    for (const c of m.tool_calls) {
      if (!isRec(c) || typeof c.id !== 'string') continue;
      const fn = isRec(c.function) ? c.function : {};
      out.push([c.id, { name: str(fn.name), args: str(fn.arguments) }]);
    }
  }
  if (typeof m.call_id === 'string' && typeof m.type === 'string' && !m.type.endsWith('_output')) {
    out.push([m.call_id, { name: str(m.name), args: str(m.arguments) ?? str(m.input) }]);
  }
  if (Array.isArray(m.content)) {
    for (const b of m.content) {
      if (isRec(b) && b.type === 'tool_use' && typeof b.id === 'string') {
        out.push([
          b.id,
          { name: str(b.name), args: b.input === undefined ? undefined : JSON.stringify(b.input) },
        ]);
      }
    }
  }
  return out;
}
