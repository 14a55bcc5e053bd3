import { CCR_TOOL_NAME } from '@headroom/core';
import type { Dispatcher } from 'undici';
import type { Usage } from '../accounting/usage.js';
import { child } from '../body/json-scan.js';
import { ADAPTERS } from './adapters.js';
import { editEvent, setNumber } from './sse-edit.js';
import { encodeEvent, type SseEvent } from './sse-parser.js';
import {
  type DropReason,
  runStreamRounds,
  type StreamDialect,
  type StreamRoundsOptions,
  type StreamRoundsResult,
} from './stream-rounds.js';

type Json = Record<string, unknown>;

const num = (v: unknown) => (typeof v === 'number' ? v : 0);

/**
 * Anthropic Messages SSE across retrieval rounds (proxy.md §8.6): later rounds drop `message_start`
 * (SDKs throw on a second one) but keep its usage, block indexes are shifted past what the client
 * has seen (and compacted where retrieval blocks were dropped), and the stream ends with one
 * `message_delta` carrying summed usage. Without retrieval calls the bytes pass unchanged.
 */
class AnthropicDialect implements StreamDialect {
  // Anthropic SDKs accept `ping` events.
  readonly keepAlive = encodeEvent('ping', { type: 'ping' });
  holding = false;
  private round = 0;
  /** Blocks shown to the client in earlier rounds. */
  private shown = 0;
  private readonly totals: Usage = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };
  private blocks: Json[] = [];
  private partialJson = new Map<number, string>();
  private retrieval = new Set<number>();
  private held: SseEvent[] = [];
  private stopReason: unknown;
  private delta: SseEvent | undefined;
  private stop: SseEvent | undefined;

  get ended(): boolean {
    return this.stop !== undefined;
  }

  event(ev: SseEvent): Buffer[] {
    const type = ev.data?.type;
    if (type === 'message_start') {
      const u = ((ev.data?.message as Json | undefined)?.usage ?? {}) as Json;
      this.totals.input += num(u.input_tokens);
      this.totals.cacheRead += num(u.cache_read_input_tokens);
      this.totals.cacheWrite += num(u.cache_creation_input_tokens);
      return this.round === 0 ? [ev.raw] : [];
    }
    if (type === 'message_delta') {
      this.delta = ev;
      this.stopReason = (ev.data?.delta as Json | undefined)?.stop_reason;
      this.totals.output += num((ev.data?.usage as Json | undefined)?.output_tokens);
      return [];
    }
    if (type === 'message_stop') {
      this.stop = ev;
      return [];
    }
    this.track(ev);
    if (this.holding) {
      this.held.push(ev);
      return [];
    }
    return type === 'ping' && this.round > 0 ? [] : [this.emit(ev)];
  }

  /** The client-visible index of block `i`: after the blocks shown before, retrieval blocks removed. */
  private visible(i: number): number {
    let n = this.shown;
    for (let k = 0; k < i; k++) if (!this.retrieval.has(k)) n++;
    return n;
  }

  private emit(ev: SseEvent): Buffer {
    const index = ev.data?.index;
    if (typeof index !== 'number') return ev.raw;
    return editEvent(ev.raw, (buf, root) => [setNumber(buf, child(root, 'index'), this.visible(index))]);
  }

  private visibleHeld(): Buffer[] {
    return this.held.filter((ev) => !this.retrieval.has(ev.data?.index as number)).map((ev) => this.emit(ev));
  }

  /** Folds one content-block event into the round's blocks; starts HOLD at the first retrieval block. */
  private track(ev: SseEvent): void {
    const d = ev.data;
    if (!d || typeof d.index !== 'number') return;
    const i = d.index;
    if (d.type === 'content_block_start') {
      const block = { ...(d.content_block as Json) };
      this.blocks[i] = block;
      if (block.type === 'tool_use' && block.name === CCR_TOOL_NAME) {
        this.retrieval.add(i);
        this.holding = true;
      }
      return;
    }
    const block = this.blocks[i];
    if (!block) return;
    if (d.type === 'content_block_delta') {
      const delta = (d.delta ?? {}) as Json;
      if (delta.type === 'text_delta') block.text = String(block.text ?? '') + String(delta.text ?? '');
      else if (delta.type === 'thinking_delta')
        block.thinking = String(block.thinking ?? '') + String(delta.thinking ?? '');
      else if (delta.type === 'signature_delta') block.signature = delta.signature;
      else if (delta.type === 'input_json_delta')
        this.partialJson.set(i, (this.partialJson.get(i) ?? '') + String(delta.partial_json ?? ''));
    } else if (d.type === 'content_block_stop' && this.partialJson.has(i)) {
      try {
        block.input = JSON.parse(this.partialJson.get(i) || '{}');
      } catch {
        block.input = undefined;
      }
    }
  }

  calls() {
    return ADAPTERS.messages.calls({ content: this.blocks });
  }

  stoppedForTools() {
    return this.stopReason === 'tool_use';
  }

  finish(dropped: DropReason | undefined): Buffer[] {
    const out = this.visibleHeld();
    if (this.round === 0 && this.retrieval.size === 0) {
      if (this.delta) out.push(this.delta.raw);
      out.push(this.stop!.raw);
      return out;
    }
    const stopReason = dropped === 'round_limit' || dropped === 'invalid' ? 'end_turn' : this.stopReason;
    const usage = {
      input_tokens: this.totals.input,
      output_tokens: this.totals.output,
      cache_read_input_tokens: this.totals.cacheRead,
      cache_creation_input_tokens: this.totals.cacheWrite,
    };
    out.push(
      encodeEvent('message_delta', {
        type: 'message_delta',
        delta: { stop_reason: stopReason, stop_sequence: null },
        usage,
      }),
      encodeEvent('message_stop', { type: 'message_stop' }),
    );
    return out;
  }

  served(): Buffer[] {
    return this.visibleHeld();
  }

  continuation(results: Parameters<StreamDialect['continuation']>[0]): string[] {
    return ADAPTERS.messages.continuation({ content: this.blocks }, results);
  }

  nextRound(): void {
    this.shown = this.visible(this.blocks.length);
    this.round++;
    this.holding = false;
    this.blocks = [];
    this.partialJson = new Map();
    this.retrieval = new Set();
    this.held = [];
    this.stopReason = undefined;
    this.delta = undefined;
    this.stop = undefined;
  }

  failure(status: number | undefined): Buffer {
    const type = status === 529 ? 'overloaded_error' : 'api_error';
    return encodeEvent('error', {
      type: 'error',
      error: { type, message: 'headroom: retrieval continuation failed' },
    });
  }

  usage(): Usage {
    return { ...this.totals };
  }
}

/** Anthropic SSE with proxy-executed retrievals (proxy.md §8.6). */
export function relayAnthropicStream(
  first: Dispatcher.ResponseData,
  o: StreamRoundsOptions,
): Promise<StreamRoundsResult> {
  return runStreamRounds('messages', first, new AnthropicDialect(), o);
}
