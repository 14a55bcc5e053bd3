import { getTokenizer } from '@headroom/core';
import { codeCases } from './cases/code-cases.js';
import { conversationCases } from './cases/conversation-cases.js';
import { jsonCases } from './cases/json-cases.js';
import { textCases } from './cases/text-cases.js';
import { type ContentCompressor, evaluateContent, headroomContent } from './evaluate-content.js';
import {
  type ConversationCompressor,
  evaluateConversation,
  headroomConversation,
} from './evaluate-conversation.js';
import type { CaseResult } from './score.js';
import { machineCases } from './sources/machine.js';
import { tauBenchCases } from './sources/tau-bench.js';

export const SEED = 20_250_301;

export interface EvalOptions {
  /** `fast`: the seeded cases only (identical everywhere; the CI gate). `full` adds real outputs. */
  subset: 'fast' | 'full';
  content?: ContentCompressor;
  conversation?: ConversationCompressor;
}

export interface EvalRun {
  subset: 'fast' | 'full';
  cases: CaseResult[];
  /** Sources that could not be produced on this machine. */
  unavailable: string[];
  seconds: number;
}

export async function runEval(opts: EvalOptions): Promise<EvalRun> {
  const start = performance.now();
  const t = getTokenizer('gpt-4o');
  const content = [...jsonCases(SEED), ...textCases(SEED + 1), ...codeCases(SEED + 2)];
  const conversations = conversationCases(SEED + 3);
  const unavailable: string[] = [];
  if (opts.subset === 'full') {
    const machine = machineCases();
    content.push(...machine.cases);
    unavailable.push(...machine.unavailable);
    const tau = tauBenchCases();
    if (tau.length === 0) unavailable.push('tau-bench: fixture not found');
    conversations.push(...tau);
  }
  const cases: CaseResult[] = [];
  for (const c of content) cases.push(await evaluateContent(c, opts.content ?? headroomContent, t));
  for (const c of conversations)
    cases.push(await evaluateConversation(c, opts.conversation ?? headroomConversation, t));
  return { subset: opts.subset, cases, unavailable, seconds: (performance.now() - start) / 1000 };
}
