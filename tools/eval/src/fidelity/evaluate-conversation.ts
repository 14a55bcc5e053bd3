import {
  type AnyMessage,
  type CcrStore,
  getTokenizer,
  MemoryCcrStore,
  pairViolations,
  type Tokenizer,
} from '@headroom/core';
import { compress } from '@headroom/router';
import { OPENAI_PROMPT_CACHE, PromptCacheSimulator } from '../cache-simulator.js';
import type { ConversationCase } from './case.js';
import { headTailMessages, maskObservations } from './conversation-baselines.js';
import { conversationText, conversationTokens, toolOutputs } from './conversation-text.js';
import { ccrRoundTrip, keptCount } from './metrics.js';
import {
  type CaseResult,
  HEAD_TAIL,
  HEADROOM,
  HEADROOM_WINDOW,
  MASKING,
  PASSTHROUGH,
  type Score,
} from './score.js';

/** `budget`: the context window's token budget, when the method runs under one. */
export type ConversationCompressor = (
  messages: AnyMessage[],
  store: CcrStore,
  budget?: number,
) => Promise<AnyMessage[]>;

/** The default pipeline; with a budget, the model limit is set so the context manager gets it. */
export const headroomConversation: ConversationCompressor = async (messages, store, budget) =>
  (
    await compress(messages, {
      model: 'gpt-4o',
      store,
      ...(budget === undefined ? {} : { modelLimit: budget + OUTPUT_BUFFER }),
    })
  ).messages;

/** The pipeline's default `outputBufferTokens`: model limit − this = the context budget. */
const OUTPUT_BUFFER = 4000;

/** The windowed run's budget: this share of the whole conversation's tokens. */
export const WINDOW_SHARE = 0.25;

/** The requests an agent sends: the conversation up to each assistant reply. */
function turnRequests(messages: readonly AnyMessage[]): AnyMessage[][] {
  const out: AnyMessage[][] = [];
  for (let i = 1; i < messages.length; i++)
    if ((messages[i] as { role?: string }).role === 'assistant') out.push(messages.slice(0, i));
  out.push([...messages]);
  return out;
}

type Method = (request: AnyMessage[]) => Promise<AnyMessage[]>;

/** Every turn's request through `method` into one simulated provider cache, a minute apart. */
async function replayTurns(
  requests: AnyMessage[][],
  method: Method,
  t: Tokenizer,
): Promise<{ last: AnyMessage[]; hitRate: number; ms: number }> {
  const simulator = new PromptCacheSimulator(OPENAI_PROMPT_CACHE, t);
  let last: AnyMessage[] = [];
  let ms = 0;
  for (const [i, request] of requests.entries()) {
    const start = performance.now();
    last = await method(request);
    ms = performance.now() - start;
    simulator.send(i * 60_000, last);
  }
  return { last, hitRate: simulator.summary().hitRate, ms };
}

async function score(
  c: ConversationCase,
  out: AnyMessage[],
  run: { hitRate: number; ms: number },
  store: CcrStore,
  t: Tokenizer,
): Promise<Score> {
  const text = conversationText(out);
  const tools = toolOutputs(out);
  const ccr = await ccrRoundTrip(text, conversationText(c.messages), store, c.messages);
  return {
    tokensBefore: conversationTokens(c.messages, t),
    tokensAfter: conversationTokens(out, t),
    mustKeep: c.mustKeep.length,
    kept: keptCount(text, c.mustKeep),
    ccrMarkers: ccr.markers,
    ccrExact: ccr.exact,
    ccrEquivalent: ccr.equivalent,
    ms: run.ms,
    pairViolations: pairViolations(out).length,
    gold: c.goldValues.length,
    goldKept: keptCount(tools, c.goldValues),
    cacheHitRate: run.hitRate,
  };
}

/**
 * Replays a conversation turn by turn with Headroom (unbounded, and under a window of 25 % of the
 * conversation), passthrough, observation masking, and head+tail (message level, to Headroom's
 * unbounded size of each request). Scores are for the final request
 * (time: its compression); the cache hit rate covers the whole replay.
 */
export async function evaluateConversation(
  c: ConversationCase,
  compressor: ConversationCompressor = headroomConversation,
  t: Tokenizer = getTokenizer('gpt-4o'),
): Promise<CaseResult> {
  const store = new MemoryCcrStore();
  const windowStore = new MemoryCcrStore();
  const budget = Math.floor(WINDOW_SHARE * conversationTokens(c.messages, t));
  const requests = turnRequests(c.messages);
  const sizes = new Map<AnyMessage[], number>();
  const safely = async (r: AnyMessage[], s: CcrStore, b?: number) => {
    try {
      return await compressor(r, s, b);
    } catch {
      return r;
    }
  };
  const headroom = await replayTurns(
    requests,
    async (r) => {
      const out = await safely(r, store);
      sizes.set(r, conversationTokens(out, t));
      return out;
    },
    t,
  );
  const windowed = await replayTurns(requests, (r) => safely(r, windowStore, budget), t);
  const passthrough = await replayTurns(requests, async (r) => r, t);
  const masking = await replayTurns(requests, async (r) => maskObservations(r), t);
  const cut = await replayTurns(requests, async (r) => headTailMessages(r, sizes.get(r) ?? 0, t), t);
  return {
    id: c.id,
    kind: c.kind,
    origin: c.origin,
    methods: {
      [HEADROOM]: await score(c, headroom.last, headroom, store, t),
      [HEADROOM_WINDOW]: await score(c, windowed.last, windowed, windowStore, t),
      [PASSTHROUGH]: await score(c, passthrough.last, passthrough, store, t),
      [HEAD_TAIL]: await score(c, cut.last, cut, store, t),
      [MASKING]: await score(c, masking.last, masking, store, t),
    },
  };
}
