import { HeadroomError } from '../errors.js';
import { buildEntries } from './entries.js';
import { renderMessage } from './render.js';
import type { AnyMessage, Conversation, Path, TextSlot } from './types.js';
import { buildUnits } from './units.js';

export type Edit =
  | { op: 'replace'; slot: TextSlot; text: string }
  | { op: 'drop'; entries: readonly number[] }
  | { op: 'insert'; before: number; message: { role: 'user' | 'assistant'; text: string } };

/** A copy of `root` with `path` set to `value`: only objects along the path are copied. */
function setAt(root: unknown, path: Path, value: string): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(root)) {
    const copy = root.slice();
    copy[head as number] = setAt(root[head as number], rest, value);
    return copy;
  }
  if (typeof root !== 'object' || root === null) {
    throw new HeadroomError('INTERNAL', `Edit path ${path.join('.')} does not exist`);
  }
  const rec = root as Record<string, unknown>;
  return { ...rec, [head as string]: setAt(rec[head as string], rest, value) };
}

/**
 * Applies edits immutably: untouched messages keep their identity, edited ones are copied only along
 * the edited path, so opaque parts (signatures, encrypted reasoning, cache_control) stay byte-exact.
 * Inserts address positions of the input (`before: messages.length` appends). A drop that would
 * split a unit throws `PAIR_INVARIANT`.
 */
export function applyEdits(conv: Conversation, edits: readonly Edit[]): Conversation {
  if (edits.length === 0) return conv;
  const dropped = new Set<number>();
  const inserts = new Map<number, AnyMessage[]>();
  const replacements = new Map<number, TextSlot[]>();
  const replaceText = new Map<TextSlot, string>();

  for (const edit of edits) {
    if (edit.op === 'drop') for (const i of edit.entries) dropped.add(i);
    else if (edit.op === 'insert') {
      const at = Math.max(0, Math.min(edit.before, conv.messages.length));
      const list = inserts.get(at) ?? [];
      list.push(renderMessage(conv.format, edit.message));
      inserts.set(at, list);
    } else {
      const list = replacements.get(edit.slot.entry) ?? [];
      list.push(edit.slot);
      replacements.set(edit.slot.entry, list);
      replaceText.set(edit.slot, edit.text);
    }
  }
  if (dropped.has(-1))
    throw new HeadroomError('PAIR_INVARIANT', 'The external system prompt cannot be dropped');
  if (dropped.size > 0) assertWholeUnits(conv, dropped);

  const rewrite = (entry: number, original: unknown): unknown => {
    let out = original;
    for (const slot of replacements.get(entry) ?? []) out = setAt(out, slot.path, replaceText.get(slot)!);
    return out;
  };

  const messages: AnyMessage[] = [];
  conv.messages.forEach((m, i) => {
    messages.push(...(inserts.get(i) ?? []));
    if (!dropped.has(i)) messages.push(rewrite(i, m) as AnyMessage);
  });
  messages.push(...(inserts.get(conv.messages.length) ?? []));

  const out: Conversation = { ...conv, messages };
  if (replacements.has(-1)) out.system = rewrite(-1, conv.system) as Conversation['system'];
  return out;
}

function assertWholeUnits(conv: Conversation, dropped: ReadonlySet<number>): void {
  for (const unit of buildUnits(buildEntries(conv), conv.format)) {
    const hits = unit.entries.filter((e) => dropped.has(e)).length;
    if (hits > 0 && hits < unit.entries.length) {
      throw new HeadroomError(
        'PAIR_INVARIANT',
        `Dropping entries ${[...dropped].join(',')} would split the ${unit.kind} unit ${unit.entries.join(',')}`,
      );
    }
  }
}
