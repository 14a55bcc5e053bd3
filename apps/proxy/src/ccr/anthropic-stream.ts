import type { ServerResponse } from 'node:http';
import { CCR_TOOL_NAME } from '@headroom/core';
import type { HeadroomStore } from '@headroom/store';
import type { Dispatcher } from 'undici';
import type { Usage } from '../accounting/usage.js';
import { appendToConversation } from '../body/insert.js';
import { ADAPTERS } from './adapters.js';
import { executeRetrieval } from './retrieve.js';
import { encodeEvent, type SseEvent, SseSplitter } from './sse-parser.js';

type Json = Record<string, unknown>;

export interface StreamRoundsOptions {
  store: HeadroomStore;
  maxRounds: number;
  forwarded: Buffer;
  send: (body: Buffer) => Promise<Dispatcher.ResponseData>;
  res: ServerResponse;
}

export interface StreamRoundsResult {
  rounds: number;
  retrievals: number;
  misses: number;
  dropped?: 'mixed' | 'round_limit' | 'invalid';
  usage: Usage;
  /** The stream ended without a clean end (broken upstream or failed continuation). */
  broken: boolean;
}

/** One round's accumulated state: its blocks (for the continuation) and its held events. */
interface Round {
  blocks: Json[];
  partialJson: Map<number, string>;
  retrieval: Set<number>;
  holding: boolean;
  held: SseEvent[];
  stopReason: unknown;
  delta: SseEvent | undefined;
  stop: SseEvent | undefined;
}

const newRound = (): Round => ({
  blocks: [],
  partialJson: new Map(),
  retrieval: new Set(),
  holding: false,
  held: [],
  stopReason: undefined,
  delta: undefined,
  stop: undefined,
});
const num = (v: unknown) => (typeof v === 'number' ? v : 0);

/**
 * Anthropic SSE with proxy-executed retrievals (proxy.md §8.6): events pass through as they complete
 * until a `headroom_retrieve` block starts; from there the round is held. A served round is
 * continued upstream into the same client stream: later rounds drop `message_start`, shift block
 * indexes past what the client has seen, and end with one `message_delta` carrying summed usage.
 * Without retrieval calls the client receives the upstream bytes unchanged.
 */
export async function relayAnthropicStream(
  first: Dispatcher.ResponseData,
  o: StreamRoundsOptions,
): Promise<StreamRoundsResult> {
  const out: StreamRoundsResult = {
    rounds: 0,
    retrievals: 0,
    misses: 0,
    usage: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
    broken: false,
  };
  let shown = 0;
  let body = o.forwarded;
  let upstream = first;
  for (let r = 0; ; r++) {
    const round = newRound();
    const visible = (i: number) => {
      let n = shown;
      for (let k = 0; k < i; k++) if (!round.retrieval.has(k)) n++;
      return n;
    };
    const emit = async (ev: SseEvent) => {
      const index = ev.data?.index;
      if (r === 0 && (typeof index !== 'number' || visible(index) === index)) return write(o.res, ev.raw);
      if (typeof index === 'number')
        return write(
          o.res,
          encodeEvent(ev.event ?? String(ev.data?.type), { ...ev.data, index: visible(index) }),
        );
      return write(o.res, ev.raw);
    };
    const splitter = new SseSplitter();
    try {
      for await (const chunk of upstream.body) {
        for (const ev of splitter.push(chunk as Buffer)) {
          const type = ev.data?.type;
          if (type === 'message_start') {
            const u = ((ev.data?.message as Json | undefined)?.usage ?? {}) as Json;
            out.usage.input += num(u.input_tokens);
            out.usage.cacheRead += num(u.cache_read_input_tokens);
            out.usage.cacheWrite += num(u.cache_creation_input_tokens);
            if (r === 0) await write(o.res, ev.raw);
            continue;
          }
          if (type === 'message_delta') {
            round.delta = ev;
            round.stopReason = (ev.data?.delta as Json | undefined)?.stop_reason;
            out.usage.output += num((ev.data?.usage as Json | undefined)?.output_tokens);
            continue;
          }
          if (type === 'message_stop') {
            round.stop = ev;
            continue;
          }
          track(round, ev);
          if (round.holding) round.held.push(ev);
          else if (type !== 'ping' || r === 0) await emit(ev);
        }
      }
    } catch {
      out.broken = true;
      o.res.destroy();
      return out;
    }
    if (!round.stop) {
      // Truncated upstream: relay what came and end without inventing a clean end.
      for (const ev of round.held) await emit(ev);
      out.broken = true;
      o.res.end();
      return out;
    }
    const calls = ADAPTERS.messages.calls({ content: round.blocks });
    const finish = async (stopReason: unknown) => {
      for (const ev of round.held) if (!round.retrieval.has(ev.data?.index as number)) await emit(ev);
      if (r === 0 && round.retrieval.size === 0) {
        await write(o.res, round.delta?.raw ?? Buffer.alloc(0));
        await write(o.res, round.stop!.raw);
      } else {
        const usage = {
          input_tokens: out.usage.input,
          output_tokens: out.usage.output,
          cache_read_input_tokens: out.usage.cacheRead,
          cache_creation_input_tokens: out.usage.cacheWrite,
        };
        await write(
          o.res,
          encodeEvent('message_delta', {
            type: 'message_delta',
            delta: { stop_reason: stopReason, stop_sequence: null },
            usage,
          }),
        );
        await write(o.res, encodeEvent('message_stop', { type: 'message_stop' }));
      }
      o.res.end();
      return out;
    };
    if (calls.retrieval.length === 0) return finish(round.stopReason);
    if (calls.client > 0) {
      out.dropped = 'mixed';
      return finish(round.stopReason);
    }
    const invalid = round.stopReason !== 'tool_use' || calls.retrieval.some((c) => c.hash === undefined);
    if (invalid || out.rounds >= o.maxRounds) {
      out.dropped = invalid ? 'invalid' : 'round_limit';
      return finish('end_turn');
    }
    // Served: show the round's other held blocks, run the retrievals, continue upstream.
    for (const ev of round.held) if (!round.retrieval.has(ev.data?.index as number)) await emit(ev);
    const results = await Promise.all(
      calls.retrieval.map(async (c) => ({ id: c.id, result: await executeRetrieval(o.store, c.hash) })),
    );
    out.retrievals += results.length;
    out.misses += results.filter((x) => x.result.miss).length;
    out.rounds++;
    shown = visible(round.blocks.length);
    body = appendToConversation(
      body,
      'messages',
      ADAPTERS.messages.continuation({ content: round.blocks }, results),
    );
    const next = await o.send(body).catch(() => undefined);
    if (next?.statusCode !== 200) {
      const type = next?.statusCode === 529 ? 'overloaded_error' : 'api_error';
      next?.body.resume();
      await write(
        o.res,
        encodeEvent('error', {
          type: 'error',
          error: { type, message: 'headroom: retrieval continuation failed' },
        }),
      );
      out.broken = true;
      o.res.end();
      return out;
    }
    upstream = next;
  }
}

/** Folds one content-block event into the round's blocks; starts HOLD at the first retrieval block. */
function track(round: Round, ev: SseEvent): void {
  const d = ev.data;
  if (!d || typeof d.index !== 'number') return;
  const i = d.index;
  if (d.type === 'content_block_start') {
    const block = { ...(d.content_block as Json) };
    round.blocks[i] = block;
    if (block.type === 'tool_use' && block.name === CCR_TOOL_NAME) {
      round.retrieval.add(i);
      round.holding = true;
    }
    return;
  }
  const block = round.blocks[i];
  if (!block) return;
  if (d.type === 'content_block_delta') {
    const delta = (d.delta ?? {}) as Json;
    if (delta.type === 'text_delta') block.text = String(block.text ?? '') + String(delta.text ?? '');
    else if (delta.type === 'thinking_delta')
      block.thinking = String(block.thinking ?? '') + String(delta.thinking ?? '');
    else if (delta.type === 'signature_delta') block.signature = delta.signature;
    else if (delta.type === 'input_json_delta')
      round.partialJson.set(i, (round.partialJson.get(i) ?? '') + String(delta.partial_json ?? ''));
  } else if (d.type === 'content_block_stop' && round.partialJson.has(i)) {
    try {
      block.input = JSON.parse(round.partialJson.get(i) || '{}');
    } catch {
      block.input = undefined;
    }
  }
}

/** Writes with backpressure: a slow client slows the upstream socket, not proxy memory. */
function write(res: ServerResponse, bytes: Buffer): Promise<void> | undefined {
  if (bytes.length === 0 || res.destroyed) return undefined;
  if (res.write(bytes)) return undefined;
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
