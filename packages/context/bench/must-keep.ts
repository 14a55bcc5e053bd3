import {
  type ChatMessage,
  type ConversationView,
  extractAnchors,
  isErrorItem,
  isErrorValue,
  pairViolations,
  tryParseJson,
} from '@headroom/core';

/**
 * Messages a trimmed conversation should still hold, by core's own detectors (independent of the
 * managers' scoring): tool results that report an error, and messages holding an exact anchor
 * (id, code, e-mail, long number) that a later user or assistant message, or tool call, repeats.
 */
export function mustKeepMessages(view: ConversationView): { errors: Set<unknown>; referenced: Set<unknown> } {
  const messages = view.conversation.messages as readonly ChatMessage[];
  const errors = new Set<unknown>();
  const referenced = new Set<unknown>();
  const later = messages.map((m) => JSON.stringify(m.tool_calls ?? m.content ?? '').toLowerCase());
  messages.forEach((m, i) => {
    const text = typeof m.content === 'string' ? m.content : '';
    if (m.role === 'tool') {
      const json = tryParseJson(text);
      if (json === undefined ? isErrorValue(text) : isErrorItem(json)) errors.add(m);
    }
    const anchors = extractAnchors(text);
    const repeated = (j: number) =>
      messages[j]!.role !== 'tool' &&
      messages[j]!.role !== 'system' &&
      anchors.some((a) => later[j]!.includes(a));
    for (let j = i + 1; j < messages.length; j++) {
      if (repeated(j)) {
        referenced.add(m);
        break;
      }
    }
  });
  return { errors, referenced };
}

/** "must-keep kept 12/31 (errors 3/5), 4 pair violations" for an output. */
export function keptReport(view: ConversationView, output: readonly unknown[]): string {
  const { errors, referenced } = mustKeepMessages(view);
  const present = new Set(output);
  const all = new Set([...errors, ...referenced]);
  const kept = [...all].filter((m) => present.has(m)).length;
  const keptErrors = [...errors].filter((m) => present.has(m)).length;
  const violations = pairViolations(output as ChatMessage[]).length;
  return `must-keep kept ${kept}/${all.size}, errors ${keptErrors}/${errors.size}, ${violations} pair violations`;
}

/**
 * LangChain-style naive trimming (`trim_messages(strategy="last", include_system=True)`): the
 * system prompt plus the longest run of last messages that fits, tool pairs or not.
 */
export function naiveTrim(view: ConversationView, budget: number): unknown[] {
  const messages = view.conversation.messages;
  const system = messages[0] && view.entry(0)?.role === 'system' ? [messages[0]] : [];
  let used = 3 + (system.length > 0 ? view.entryTokens(0) : 0);
  let start = messages.length;
  while (start > system.length && used + view.entryTokens(start - 1) <= budget) {
    start--;
    used += view.entryTokens(start);
  }
  return [...system, ...messages.slice(start)];
}
