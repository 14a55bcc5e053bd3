import { CCR_TOOL_NAME } from '@headroom/core';
import type { Dispatcher } from 'undici';
import { addUsage, emptyUsage, readUsage, type Usage } from '../accounting/usage.js';
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
  sumUsageDeep,
} from './stream-rounds.js';

type Json = Record<string, unknown>;

/** Continuation events that would reset the SDK's response snapshot. */
const OPENING = new Set(['response.created', 'response.in_progress', 'response.queued']);
const TERMINAL = new Set(['response.completed', 'response.incomplete', 'response.failed']);

/**
 * Responses SSE across retrieval rounds: continuations lose their opening events, `output_index`
 * is shifted past the items the client has seen, `sequence_number` continues the client's count,
 * and one terminal event carries the merged `output` and summed `usage` (proxy.md §8.6).
 */
class ResponsesDialect implements StreamDialect {
  readonly keepAlive = Buffer.from(': keep-alive\n\n');
  holding = false;
  private round = 0;
  /** Items shown in earlier rounds, and their count. */
  private output: Json[] = [];
  private usages: Json[] = [];
  private nextSeq = 0;
  private retrieval = new Set<number>();
  private held: SseEvent[] = [];
  private terminal: SseEvent | undefined;

  get ended(): boolean {
    return this.terminal !== undefined;
  }

  private get response(): Json {
    return (this.terminal?.data?.response ?? {}) as Json;
  }

  event(ev: SseEvent): Buffer[] {
    const d = ev.data ?? {};
    const type = d.type;
    const item = (d.item ?? {}) as Json;
    if (
      type === 'response.output_item.added' &&
      item.type === 'function_call' &&
      item.name === CCR_TOOL_NAME
    ) {
      this.retrieval.add(d.output_index as number);
      this.holding = true;
    }
    if (typeof type === 'string' && TERMINAL.has(type)) {
      this.terminal = ev;
      const usage = (d.response as Json | undefined)?.usage;
      if (usage && typeof usage === 'object') this.usages.push(usage as Json);
    }
    if (this.round === 0 && !this.holding) {
      if (typeof d.sequence_number === 'number') this.nextSeq = d.sequence_number + 1;
      return [ev.raw];
    }
    if (this.holding || this.terminal === ev) {
      this.held.push(ev);
      return [];
    }
    if (typeof type === 'string' && OPENING.has(type)) return [];
    return [this.edit(ev)];
  }

  private visible(i: number): number {
    let n = this.output.length;
    for (let k = 0; k < i; k++) if (!this.retrieval.has(k)) n++;
    return n;
  }

  /** Shifts `output_index` and continues `sequence_number`, by splicing the two numbers. */
  private edit(ev: SseEvent): Buffer {
    const d = ev.data ?? {};
    const seq = typeof d.sequence_number === 'number' ? this.nextSeq++ : undefined;
    return editEvent(ev.raw, (buf, root) => [
      typeof d.output_index === 'number'
        ? setNumber(buf, child(root, 'output_index'), this.visible(d.output_index))
        : undefined,
      seq !== undefined ? setNumber(buf, child(root, 'sequence_number'), seq) : undefined,
    ]);
  }

  /** Held events the client may see: not about retrieval calls, not the terminal event. */
  private visibleHeld(): Buffer[] {
    return this.held
      .filter((ev) => ev !== this.terminal && !this.retrieval.has(ev.data?.output_index as number))
      .map((ev) => this.edit(ev));
  }

  /** This round's output without its retrieval calls. */
  private shownItems(): Json[] {
    const r = ADAPTERS.responses.suppress(this.response, false);
    return Array.isArray(r.output) ? (r.output as Json[]) : [];
  }

  calls() {
    return ADAPTERS.responses.calls(this.response);
  }

  stoppedForTools() {
    return ADAPTERS.responses.stoppedForTools(this.response);
  }

  finish(_dropped: DropReason | undefined): Buffer[] {
    // Round 1 without retrievals went through byte-exact, terminal event included.
    if (this.round === 0 && this.retrieval.size === 0) return [];
    const out = this.visibleHeld();
    const t = this.terminal!;
    const response = {
      ...this.response,
      output: [...this.output, ...this.shownItems()],
      ...(this.usages.length > 0 ? { usage: sumUsageDeep(this.usages) } : {}),
    };
    const type = String(t.data?.type);
    out.push(encodeEvent(t.event ?? type, { ...t.data, sequence_number: this.nextSeq++, response }));
    return out;
  }

  served(): Buffer[] {
    return this.visibleHeld();
  }

  continuation(results: Parameters<StreamDialect['continuation']>[0]): string[] {
    return ADAPTERS.responses.continuation(this.response, results);
  }

  nextRound(): void {
    this.output.push(...this.shownItems());
    this.round++;
    this.holding = false;
    this.retrieval = new Set();
    this.held = [];
    this.terminal = undefined;
  }

  failure(status: number | undefined): Buffer {
    const code = status === undefined ? 'upstream_broken' : `upstream_${status}`;
    const message = 'headroom: retrieval continuation failed';
    // `error` is what the openai SDK's stream decoder throws on; the rest is the Responses shape.
    return encodeEvent('error', {
      type: 'error',
      code,
      message,
      param: null,
      sequence_number: this.nextSeq++,
      error: { type: 'server_error', code, message },
    });
  }

  usage(): Usage {
    return this.usages.reduce<Usage>((s, u) => addUsage(s, readUsage(u)), emptyUsage());
  }
}

/** Responses SSE with proxy-executed retrievals (proxy.md §8.6). */
export function relayResponsesStream(
  first: Dispatcher.ResponseData,
  o: StreamRoundsOptions,
): Promise<StreamRoundsResult> {
  return runStreamRounds('responses', first, new ResponsesDialect(), o);
}
