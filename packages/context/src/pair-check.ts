import { type Conversation, pairViolations } from '@headroom/core';

/**
 * A check that an output has no pair violation its input did not already have. Violations are
 * keyed by code, id and the offending wire object, not by index: indexes shift when messages are
 * dropped, objects do not (kept messages are the input's own). `first-not-user` is one per
 * conversation, so it is keyed by its code alone.
 */
export function noNewViolations(input: Conversation): (output: Conversation) => boolean {
  const ids = new Map<unknown, number>();
  const keys = (conv: Conversation) =>
    new Set(
      pairViolations(conv).map((v) => {
        if (v.code === 'first-not-user') return v.code;
        const object = conv.messages[v.entry];
        let id = ids.get(object);
        if (id === undefined) {
          id = ids.size;
          ids.set(object, id);
        }
        return `${v.code}:${v.id ?? ''}:${id}`;
      }),
    );
  let before: Set<string> | undefined;
  return (output) => {
    const after = keys(output);
    // A clean output needs no comparison: most inputs are valid, so their violations are never computed.
    if (after.size === 0) return true;
    before ??= keys(input);
    return [...after].every((k) => before!.has(k));
  };
}
