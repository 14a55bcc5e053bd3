import { CacheAligner } from '@headroom/aligner';
import { type DiffEdits, diffToEdits } from '../body/json-diff.js';
import { type JNode, stringField } from '../body/json-scan.js';
import type { RequestShape } from '../body/request-shape.js';

// One instance per process: its analysis memo (keyed by the system text) makes an unchanged prompt
// cost one hash. Its output depends only on the request, so sharing it keeps requests deterministic.
let shared: CacheAligner | undefined;

export interface AlignOutcome extends DiffEdits {
  spans: number;
}

function parse(buf: Buffer, node: JNode): unknown {
  return JSON.parse(buf.toString('utf8', node.start, node.end));
}

const SYSTEM_ROLES = new Set(['system', 'developer']);

/**
 * The messages the aligner reads (its README: the leading system entries, and the final turn that
 * receives the tail — from the last user message on). Everything between is never examined, so it
 * is not parsed: a long conversation costs what its system prompt and last turn cost.
 */
function relevant(shape: RequestShape, items: readonly JNode[]): number[] {
  const { buf } = shape;
  const role = (i: number) => stringField(buf, items[i], 'role');
  let lead = 0;
  if (shape.endpoint !== 'messages') while (lead < items.length && SYSTEM_ROLES.has(role(lead) ?? '')) lead++;
  let last = items.length - 1;
  while (last >= lead && role(last) !== 'user') last--;
  const all = items.map((_, i) => i);
  return last < lead ? all : [...all.slice(0, lead), ...all.slice(last)];
}

/**
 * CacheAligner as splice edits (proxy.md §5.7): the only step that may rewrite a system prompt.
 * The aligner (public API only) rewrites a parsed copy — Anthropic `system` string or blocks, Chat
 * leading system/developer messages, Responses `instructions` — and moves dynamic values into a
 * tail on the last user turn; the copy-on-write difference becomes literal replacements and
 * appended items. Undefined when nothing changed or the change is not expressible (fail open).
 */
export function alignSystemPrompt(shape: RequestShape): AlignOutcome | undefined {
  const list = shape.messages;
  if (!list) return undefined;
  const { buf, root } = shape;
  const systemKey =
    shape.endpoint === 'messages' ? 'system' : shape.endpoint === 'responses' ? 'instructions' : '';
  if (systemKey && root.dup.has(systemKey)) return undefined;
  const systemNode = systemKey ? root.keys.get(systemKey) : undefined;
  const system = systemNode ? parse(buf, systemNode) : undefined;
  const keep = relevant(shape, list.items);
  const messages = keep.map((i) => parse(buf, list.items[i]!)) as object[];
  shared ??= new CacheAligner();
  const out: AlignOutcome = { replace: [], intended: [], insert: [], spans: 0 };
  let next: readonly unknown[];
  if (shape.endpoint === 'chat') {
    const r = shared.align(messages);
    if (!r.modified || r.messages === messages) return undefined;
    next = r.messages;
    out.spans = r.spans.length;
  } else {
    const input = {
      format: shape.endpoint === 'messages' ? ('anthropic' as const) : ('openai-responses' as const),
      ...(system === undefined ? {} : { system: system as string }),
      messages,
    };
    const r = shared.align(input);
    if (!r.modified || r.messages === input) return undefined;
    if (r.messages.system !== input.system) {
      if (!systemNode || !diffToEdits(systemNode, input.system, r.messages.system, out)) return undefined;
    }
    next = r.messages.messages;
    out.spans = r.spans.length;
  }
  if (next.length < messages.length) return undefined;
  for (let i = 0; i < messages.length; i++) {
    if (!diffToEdits(list.items[keep[i]!]!, messages[i], next[i], out)) return undefined;
  }
  if (next.length > messages.length) {
    const added = next.slice(messages.length).map((m) => JSON.stringify(m));
    const comma = list.items.length > 0 ? ',' : '';
    out.insert.push({
      start: list.end - 1,
      end: list.end - 1,
      bytes: Buffer.from(`${comma}${added.join(',')}`),
    });
  }
  return out.replace.length + out.insert.length > 0 ? out : undefined;
}
