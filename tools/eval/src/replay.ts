import type { MessagesInput, Tokenizer } from '@headroom/core';
import { type CacheProfile, type CacheSummary, PromptCacheSimulator } from './cache-simulator.js';
import type { ClientRequest } from './scenarios/client-request.js';

/** What happens to a client request before it reaches the provider (nothing, an aligner, a pipeline). */
export type RequestPath = (messages: ClientRequest['messages']) => MessagesInput;

/** Sends every request of a replay through `path` into one simulated provider cache. */
export function replay(
  requests: Iterable<ClientRequest>,
  path: RequestPath,
  profile: CacheProfile,
  tokenizer: Tokenizer,
): CacheSummary {
  const simulator = new PromptCacheSimulator(profile, tokenizer);
  for (const r of requests) simulator.send(r.at, path(r.messages));
  return simulator.summary();
}
