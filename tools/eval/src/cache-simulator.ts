import type { MessagesInput, Tokenizer } from '@headroom/core';
import { partialTokens, type RequestPrefix, requestPrefix, sharedSegments } from './request-prefix.js';

/**
 * How a provider caches prompt prefixes. OpenAI's automatic caching: prompts of at least 1,024
 * tokens, matched in 128-token increments, kept for 5–10 minutes of inactivity (up to an hour
 * off-peak). Anthropic's breakpoints also cache prefixes from 1,024 tokens, for 5 minutes or 1 hour.
 */
export interface CacheProfile {
  name: string;
  /** Shorter shared prefixes are never cached. */
  minTokens: number;
  /** Cached prefixes are whole blocks of this many tokens. */
  blockTokens: number;
  /** A cached prefix expires this long after the last request that used or wrote it. */
  ttlMs: number;
}

export const OPENAI_PROMPT_CACHE: CacheProfile = {
  name: 'OpenAI automatic prompt caching (1,024-token minimum, 128-token blocks, 5-minute TTL)',
  minTokens: 1024,
  blockTokens: 128,
  ttlMs: 5 * 60_000,
};

export interface RequestOutcome {
  promptTokens: number;
  cachedTokens: number;
}

export interface CacheSummary {
  requests: number;
  promptTokens: number;
  cachedTokens: number;
  /** Requests with any cached tokens. */
  requestsWithHit: number;
  /** cachedTokens / promptTokens. */
  hitRate: number;
}

interface Written {
  prefix: RequestPrefix;
  lastUsed: number;
}

/**
 * Replays requests against a simulated provider cache, request by request, in time order. A
 * request's cached tokens are the longest prefix it shares with any earlier request still in the
 * cache (within the TTL of that request or of a later one that shared the prefix), counted in
 * exact tokens, floored to whole blocks, and zero below the minimum. Every request then writes its
 * own prompt to the cache.
 */
export class PromptCacheSimulator {
  private written: Written[] = [];
  private readonly totals = { requests: 0, promptTokens: 0, cachedTokens: 0, requestsWithHit: 0 };

  constructor(
    readonly profile: CacheProfile,
    private readonly tokenizer: Tokenizer,
  ) {}

  send(at: number, input: MessagesInput): RequestOutcome {
    this.written = this.written.filter((w) => at - w.lastUsed <= this.profile.ttlMs);
    const prefix = requestPrefix(input, this.tokenizer);
    const cachedTokens = this.cacheable(Math.min(this.longestSharedPrefix(prefix), prefix.totalTokens));
    if (prefix.totalTokens >= this.profile.minTokens) this.written.push({ prefix, lastUsed: at });
    this.totals.requests++;
    this.totals.promptTokens += prefix.totalTokens;
    this.totals.cachedTokens += cachedTokens;
    if (cachedTokens > 0) this.totals.requestsWithHit++;
    return { promptTokens: prefix.totalTokens, cachedTokens };
  }

  summary(): CacheSummary {
    const t = this.totals;
    return { ...t, hitRate: t.promptTokens === 0 ? 0 : t.cachedTokens / t.promptTokens };
  }

  /** Whole shared messages first; the partial message is tokenized only for the best candidates. */
  private longestSharedPrefix(prefix: RequestPrefix): number {
    let best = { count: -1, tokens: 0 };
    let candidates: RequestPrefix[] = [];
    for (const w of this.written) {
      const shared = sharedSegments(prefix, w.prefix);
      if (shared.count > best.count) {
        best = shared;
        candidates = [w.prefix];
      } else if (shared.count === best.count) {
        candidates.push(w.prefix);
      }
    }
    if (best.count < 0) return 0;
    const mine = prefix.segments[best.count];
    let partial = 0;
    const tried = new Set<string>();
    for (const other of candidates) {
      const theirs = other.segments[best.count];
      if (mine === undefined || theirs === undefined || tried.has(theirs.key)) continue;
      tried.add(theirs.key);
      partial = Math.max(partial, partialTokens(mine, theirs, this.tokenizer));
    }
    return best.tokens + partial;
  }

  private cacheable(tokens: number): number {
    const { minTokens, blockTokens } = this.profile;
    return tokens < minTokens ? 0 : Math.floor(tokens / blockTokens) * blockTokens;
  }
}
