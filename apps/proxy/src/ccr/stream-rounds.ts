import type { ServerResponse } from 'node:http';
import type { HeadroomStore } from '@headroom/store';
import type { Dispatcher } from 'undici';
import { emptyUsage, type Usage } from '../accounting/usage.js';
import { appendToConversation } from '../body/insert.js';
import type { Endpoint } from '../body/request-shape.js';
import type { RoundCalls } from './adapters.js';
import { executeRetrieval, type RetrievalResult } from './retrieve.js';
import { type SseEvent, SseSplitter } from './sse-parser.js';
import { KeepAlive, write } from './stream-io.js';

export interface StreamRoundsOptions {
  store: HeadroomStore;
  maxRounds: number;
  forwarded: Buffer;
  send: (body: Buffer) => Promise<Dispatcher.ResponseData>;
  res: ServerResponse;
  /** Keep-alive interval while a round is held. */
  keepAliveMs?: number;
  /** The parser's cap on one unfinished event (proxy.md §8.6: 16 MiB). */
  maxEventBytes?: number;
}

const MAX_EVENT_BYTES = 16 << 20;

export type DropReason = 'mixed' | 'round_limit' | 'invalid';

export interface StreamRoundsResult {
  rounds: number;
  retrievals: number;
  misses: number;
  dropped?: DropReason;
  usage: Usage;
  /** The stream ended without a clean end (broken upstream or failed continuation). */
  broken: boolean;
}

/**
 * One wire shape's view of a streamed conversation across rounds (proxy.md §8.6). It decides what
 * each upstream event becomes for the client (PASS / HOLD / PASS'), and what a round's end emits.
 */
export interface StreamDialect {
  /** The keep-alive written while a round is held. */
  readonly keepAlive: Buffer;
  /** True from the round's first retrieval call until `nextRound`. */
  readonly holding: boolean;
  /** The round reached its terminal event. */
  readonly ended: boolean;
  /** Bytes to write now for one upstream event (none while holding). */
  event(ev: SseEvent): Buffer[];
  calls(): RoundCalls;
  stoppedForTools(): boolean;
  /** The held events minus retrieval calls, then the stream's end; `dropped` rewrites the stop. */
  finish(dropped: DropReason | undefined): Buffer[];
  /** A served round: the held events the client may see before the continuation. */
  served(): Buffer[];
  continuation(results: ReadonlyArray<{ id: string; result: RetrievalResult }>): string[];
  nextRound(): void;
  /** The provider-shaped error event that ends a failed stream. */
  failure(status: number | undefined): Buffer;
  /** Usage summed over the rounds seen so far. */
  usage(): Usage;
}

/**
 * The round loop shared by the SSE relays: PASS until the first retrieval call, HOLD the rest of
 * the round (with keep-alives), decide (§8.3–8.4), and either end the stream or run the retrievals
 * and continue upstream with `stream: true` into the same client stream.
 */
export async function runStreamRounds(
  endpoint: Endpoint,
  first: Dispatcher.ResponseData,
  d: StreamDialect,
  o: StreamRoundsOptions,
): Promise<StreamRoundsResult> {
  const out: StreamRoundsResult = { rounds: 0, retrievals: 0, misses: 0, usage: emptyUsage(), broken: false };
  const ka = new KeepAlive(o.res, d.keepAlive, o.keepAliveMs);
  const end = async (bytes: Buffer[], broken: boolean) => {
    ka.stop();
    for (const b of bytes) await write(o.res, b);
    out.usage = d.usage();
    out.broken = broken;
    o.res.end();
    return out;
  };
  let body = o.forwarded;
  let upstream = first;
  for (;;) {
    const splitter = new SseSplitter();
    let raw = false;
    try {
      for await (const chunk of upstream.body) {
        if (raw) {
          await write(o.res, chunk as Buffer);
          continue;
        }
        // The events an upstream chunk completes leave in one write (one chunked-encoding frame).
        const ready: Buffer[] = [];
        for (const ev of splitter.push(chunk as Buffer)) {
          if (!d.holding) ka.stop();
          ready.push(...d.event(ev));
        }
        if (d.holding) ka.start();
        if (ready.length > 0) await write(o.res, ready.length === 1 ? ready[0]! : Buffer.concat(ready));
        if (splitter.pending > (o.maxEventBytes ?? MAX_EVENT_BYTES)) {
          // Too big to parse. Untouched so far (round 1, nothing held): relay the rest raw.
          if (out.rounds > 0 || d.holding) return end([d.failure(undefined)], true);
          raw = true;
          await write(o.res, splitter.rest());
        }
      }
      if (raw) return end([], false);
    } catch {
      ka.stop();
      out.usage = d.usage();
      out.broken = true;
      // Nothing altered yet: the client sees the same broken response a plain relay would give.
      if (out.rounds === 0 && !d.holding) o.res.destroy();
      else return end([d.failure(undefined)], true);
      return out;
    }
    if (!d.ended) return end(out.rounds === 0 && !d.holding ? [] : [d.failure(undefined)], true);
    const calls = d.calls();
    if (calls.retrieval.length === 0) return end(d.finish(undefined), false);
    const invalid = !d.stoppedForTools() || calls.retrieval.some((c) => c.hash === undefined);
    if (calls.client > 0) out.dropped = 'mixed';
    else if (invalid) out.dropped = 'invalid';
    else if (out.rounds >= o.maxRounds) out.dropped = 'round_limit';
    if (out.dropped) return end(d.finish(out.dropped), false);
    // Served: show the round's other held events, run the retrievals, continue upstream.
    for (const b of d.served()) await write(o.res, b);
    const results = await Promise.all(
      calls.retrieval.map(async (c) => ({ id: c.id, result: await executeRetrieval(o.store, c.hash) })),
    );
    out.retrievals += results.length;
    out.misses += results.filter((x) => x.result.miss).length;
    out.rounds++;
    body = appendToConversation(body, endpoint, d.continuation(results));
    const next = await o.send(body).catch(() => undefined);
    if (next?.statusCode !== 200) {
      next?.body.resume();
      return end([d.failure(next?.statusCode)], true);
    }
    d.nextRound();
    upstream = next;
  }
}

type Json = Record<string, unknown>;

/** Usage objects summed key by key (nested `*_details` too); other fields from the last. */
export function sumUsageDeep(list: readonly Json[]): Json | undefined {
  if (list.length === 0) return undefined;
  const out: Json = { ...list[list.length - 1] };
  const keys = new Set(list.flatMap((u) => Object.keys(u)));
  for (const k of keys) {
    const vals = list.map((u) => u[k]);
    if (vals.some((v) => typeof v === 'number'))
      out[k] = vals.reduce<number>((s, v) => s + (typeof v === 'number' ? v : 0), 0);
    else if (vals.some((v) => v && typeof v === 'object' && !Array.isArray(v)))
      out[k] = sumUsageDeep(vals.filter((v): v is Json => !!v && typeof v === 'object' && !Array.isArray(v)));
  }
  return out;
}
