import type { HeadroomStore } from '@headroom/store';
import { appendToConversation } from '../body/insert.js';
import type { Endpoint } from '../body/request-shape.js';
import { ADAPTERS } from './adapters.js';
import { executeRetrieval } from './retrieve.js';

type Json = Record<string, unknown>;

export interface BufferedResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface RoundsResult {
  response: BufferedResponse;
  /** True when the body was rewritten (content-length must be recomputed). */
  rewritten: boolean;
  rounds: number;
  retrievals: number;
  misses: number;
  dropped?: 'mixed' | 'round_limit' | 'invalid';
}

export interface RoundsOptions {
  endpoint: Endpoint;
  store: HeadroomStore;
  maxRounds: number;
  /** The forwarded request body of round 1. */
  forwarded: Buffer;
  /** Sends a continuation body upstream and buffers the answer. */
  send: (body: Buffer) => Promise<BufferedResponse>;
}

function parse(body: Buffer): Json | undefined {
  try {
    const v = JSON.parse(body.toString('utf8')) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Serves retrieval rounds of a non-streaming response (proxy.md §8.3–8.5). A response without
 * retrieval calls comes back byte-exact; a failed continuation comes back verbatim.
 */
export async function runJsonRounds(first: BufferedResponse, o: RoundsOptions): Promise<RoundsResult> {
  const adapter = ADAPTERS[o.endpoint];
  const out: RoundsResult = { response: first, rewritten: false, rounds: 0, retrievals: 0, misses: 0 };
  let parsed = first.statusCode === 200 ? parse(first.body) : undefined;
  if (!parsed || adapter.calls(parsed).retrieval.length === 0) return out;
  const rounds: Json[] = [];
  let body = o.forwarded;
  let last = first;
  for (;;) {
    const calls = adapter.calls(parsed);
    if (calls.retrieval.length === 0) {
      rounds.push(parsed);
      break;
    }
    if (calls.client > 0) {
      out.dropped = 'mixed';
      rounds.push(adapter.suppress(parsed, false));
      break;
    }
    const invalid = !adapter.stoppedForTools(parsed) || calls.retrieval.some((c) => c.hash === undefined);
    if (invalid || out.rounds >= o.maxRounds) {
      out.dropped = invalid ? 'invalid' : 'round_limit';
      rounds.push(adapter.suppress(parsed, true));
      break;
    }
    const results = await Promise.all(
      calls.retrieval.map(async (c) => ({ id: c.id, result: await executeRetrieval(o.store, c.hash) })),
    );
    out.retrievals += results.length;
    out.misses += results.filter((r) => r.result.miss).length;
    body = appendToConversation(body, o.endpoint, adapter.continuation(parsed, results));
    rounds.push(parsed);
    out.rounds++;
    last = await o.send(body);
    const next = last.statusCode === 200 ? parse(last.body) : undefined;
    if (!next) return { ...out, response: last, rewritten: false };
    parsed = next;
  }
  const merged = rounds.length === 1 ? rounds[0]! : adapter.merge(rounds);
  out.response = { ...last, body: Buffer.from(JSON.stringify(merged), 'utf8') };
  out.rewritten = true;
  return out;
}
