import type { ConversationView, TextSlot } from '@headroom/core';
import type { SourceHints } from './types.js';

// The user is about to work on the code itself: reading it whole matters more than saving tokens.
const ANALYSIS =
  /\b(?:analy[sz]e|review|audit|inspect|security|vulnerabilit(?:y|ies)|bugs?|explain|understand|debug|fix|refactor|optimi[sz]e|how does|what does)\b/i;

/** True when the last real user message asks for analysis of code (all code is then protected). */
export function analysisRequested(view: ConversationView): boolean {
  const last = view.lastRealUser();
  if (last === undefined) return false;
  return view.entry(last)!.slots.some((s) => s.kind === 'user-text' && ANALYSIS.test(s.text));
}

/** The index of the last assistant entry (-1 when none): results after it are the live zone. */
export function lastAssistantEntry(view: ConversationView): number {
  for (let i = view.entries.length - 1; i >= 0; i--) if (view.entries[i]!.role === 'assistant') return i;
  return -1;
}

const PATH_ARGS = ['file_path', 'path', 'filename', 'file', 'filePath'];

/** Source hints from the tool call: its name, a file path argument and a command argument. */
export function hintsOf(slot: TextSlot): SourceHints {
  const hints: SourceHints = {};
  if (slot.toolName !== undefined) hints.toolName = slot.toolName;
  if (!slot.toolArgs) return hints;
  let args: unknown;
  try {
    args = JSON.parse(slot.toolArgs);
  } catch {
    return hints;
  }
  if (typeof args !== 'object' || args === null) return hints;
  const record = args as Record<string, unknown>;
  const path = PATH_ARGS.map((k) => record[k]).find((v) => typeof v === 'string');
  if (typeof path === 'string') hints.filePath = path;
  if (typeof record.command === 'string') hints.command = record.command;
  return hints;
}
