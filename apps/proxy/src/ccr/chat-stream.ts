import { CCR_TOOL_NAME } from '@headroom/core';
import type { Dispatcher } from 'undici';
import { addUsage, emptyUsage, readUsage, type Usage } from '../accounting/usage.js';
import { child, type JNode } from '../body/json-scan.js';
import type { Edit } from '../body/splice.js';
import { ADAPTERS } from './adapters.js';
import { editEvent, encodeData, setNumber, setString } from './sse-edit.js';
import type { SseEvent } from './sse-parser.js';
import {
  type DropReason,
  runStreamRounds,
  type StreamDialect,
  type StreamRoundsOptions,
  type StreamRoundsResult,
  sumUsageDeep,
} from './stream-rounds.js';

type Json = Record<string, unknown>;

const DONE = Buffer.from('data: [DONE]\n\n');
const DONE_RE = /^data: ?\[DONE\]/m;
const isDone = (ev: SseEvent) => ev.data === undefined && DONE_RE.test(ev.raw.toString('latin1'));

interface Call {
  id: string;
  name: string;
  args: string;
}

/** What a Chat chunk carries, read once when it arrives. */
interface Chunk {
  ev: SseEvent;
  done: boolean;
  /** `tool_calls[].index` values in the chunk's first choice. */
  calls: number[];
  finish: boolean;
  /** A usage chunk (`choices: []`, usage set: sent when the client asked for `include_usage`). */
  usageOnly: boolean;
}

/**
 * Chat Completions SSE across retrieval rounds: continuation chunks get round 1's `id` (the openai
 * SDK starts a new completion on a new id) and shifted `tool_calls[].index`; intermediate finish,
 * usage and `[DONE]` chunks are dropped, and the stream ends with one summed usage chunk (only when
 * upstream sent usage, i.e. the client asked for `include_usage`) and one `[DONE]`.
 */
class ChatDialect implements StreamDialect {
  readonly keepAlive = Buffer.from(': keep-alive\n\n');
  holding = false;
  ended = false;
  private round = 0;
  private firstId: string | undefined;
  private shownCalls = 0;
  private usages: Json[] = [];
  /** The latest usage chunk: the template of the summed one. */
  private usageChunk: Chunk | undefined;
  private content = '';
  private toolCalls = new Map<number, Call>();
  private retrieval = new Set<number>();
  private finishReason: unknown;
  private held: Chunk[] = [];

  event(ev: SseEvent): Buffer[] {
    const c = this.read(ev);
    if (this.round === 0 && !this.holding) return [ev.raw];
    if (this.holding) {
      this.held.push(c);
      return [];
    }
    // PASS': a round without retrieval calls (the last one); its end comes from `finish`.
    if (c.done || c.usageOnly) return [];
    return [this.edit(c)];
  }

  private read(ev: SseEvent): Chunk {
    const d = ev.data;
    const done = isDone(ev);
    if (done) this.ended = true;
    if (!d) return { ev, done, calls: [], finish: false, usageOnly: false };
    if (this.firstId === undefined && typeof d.id === 'string') this.firstId = d.id;
    const usage = d.usage && typeof d.usage === 'object' ? (d.usage as Json) : undefined;
    const choices = Array.isArray(d.choices) ? (d.choices as Json[]) : [];
    const choice = choices[0];
    const delta = (choice?.delta ?? {}) as Json;
    if (typeof delta.content === 'string') this.content += delta.content;
    const calls: number[] = [];
    for (const tc of Array.isArray(delta.tool_calls) ? (delta.tool_calls as Json[]) : []) {
      if (typeof tc.index !== 'number') continue;
      calls.push(tc.index);
      const call = this.toolCalls.get(tc.index) ?? { id: '', name: '', args: '' };
      this.toolCalls.set(tc.index, call);
      const fn = (tc.function ?? {}) as Json;
      if (typeof tc.id === 'string') call.id = tc.id;
      if (typeof fn.name === 'string') call.name += fn.name;
      if (typeof fn.arguments === 'string') call.args += fn.arguments;
      if (call.name === CCR_TOOL_NAME && !this.retrieval.has(tc.index)) {
        this.retrieval.add(tc.index);
        this.holding = true;
      }
    }
    const finish = choice?.finish_reason !== undefined && choice.finish_reason !== null;
    if (finish) {
      this.finishReason = choice!.finish_reason;
      // Some upstreams end without `[DONE]`; a finish reason completes the round too.
      this.ended = true;
    }
    if (usage) this.usages.push(usage);
    const usageOnly = usage !== undefined && choices.length === 0;
    const c = { ev, done, calls, finish, usageOnly };
    if (usageOnly) this.usageChunk = c;
    return c;
  }

  /** The client-visible index of tool call `i`: after all shown calls, retrieval calls removed. */
  private visible(i: number): number {
    let n = this.shownCalls;
    for (let k = 0; k < i; k++) if (this.toolCalls.has(k) && !this.retrieval.has(k)) n++;
    return n;
  }

  /** Rewrites the chunk's id and tool call indexes (and, with `stop`, its finish reason). */
  private edit(c: Chunk, stop?: string): Buffer {
    const retrievals = c.calls.filter((i) => this.retrieval.has(i));
    if (retrievals.length > 0) return this.reencode(c, stop);
    return editEvent(c.ev.raw, (buf, root) => {
      const choice = arrayItem(child(root, 'choices'), 0);
      const list = child(child(choice, 'delta'), 'tool_calls');
      const edits: Array<Edit | undefined> = [setString(buf, child(root, 'id'), this.firstId ?? '')];
      if (list?.kind === 'array')
        for (const [k, item] of list.items.entries())
          edits.push(setNumber(buf, child(item, 'index'), this.visible(c.calls[k] ?? 0)));
      if (stop && c.finish) edits.push(setString(buf, child(choice, 'finish_reason'), stop));
      return edits;
    });
  }

  /** A chunk mixing retrieval and other entries: the one case that needs re-encoding. */
  private reencode(c: Chunk, stop?: string): Buffer {
    const d = structuredClone(c.ev.data!) as Json;
    d.id = this.firstId;
    const choice = (d.choices as Json[])[0]!;
    const delta = choice.delta as Json;
    const kept = (delta.tool_calls as Json[])
      .filter((tc) => !this.retrieval.has(tc.index as number))
      .map((tc) => ({ ...tc, index: this.visible(tc.index as number) }));
    if (kept.length > 0) delta.tool_calls = kept;
    else delete delta.tool_calls;
    if (stop && c.finish) choice.finish_reason = stop;
    const meaningful =
      kept.length > 0 ||
      c.finish ||
      Object.entries(delta).some(([k, v]) => k !== 'tool_calls' && v !== null && v !== '');
    return meaningful ? encodeData(d) : Buffer.alloc(0);
  }

  calls() {
    return ADAPTERS.chat.calls(this.asCompletion());
  }

  stoppedForTools() {
    return ADAPTERS.chat.stoppedForTools(this.asCompletion());
  }

  private asCompletion(): Json {
    const tool_calls = [...this.toolCalls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, c]) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.args } }));
    const message = { content: this.content || null, ...(tool_calls.length > 0 ? { tool_calls } : {}) };
    return { choices: [{ message, finish_reason: this.finishReason }] };
  }

  finish(dropped: DropReason | undefined): Buffer[] {
    const stop = dropped === 'round_limit' || dropped === 'invalid' ? 'stop' : undefined;
    // Round 1 without retrievals went through byte-exact, end included.
    if (this.round === 0 && this.retrieval.size === 0) return [];
    const out = this.held.filter((c) => !c.done && !c.usageOnly).map((c) => this.edit(c, stop));
    if (this.usageChunk) {
      const single = this.round === 0 && this.usages.length === 1;
      out.push(
        single
          ? this.edit(this.usageChunk)
          : encodeData({ ...this.usageChunk.ev.data, id: this.firstId, usage: sumUsageDeep(this.usages) }),
      );
    }
    out.push(DONE);
    return out;
  }

  served(): Buffer[] {
    return this.held.filter((c) => !c.done && !c.usageOnly && !c.finish).map((c) => this.edit(c));
  }

  continuation(results: Parameters<StreamDialect['continuation']>[0]): string[] {
    return ADAPTERS.chat.continuation(this.asCompletion(), results);
  }

  nextRound(): void {
    this.shownCalls = this.visible(Math.max(-1, ...this.toolCalls.keys()) + 1);
    this.round++;
    this.holding = false;
    this.ended = false;
    this.content = '';
    this.toolCalls = new Map();
    this.retrieval = new Set();
    this.finishReason = undefined;
    this.held = [];
  }

  failure(status: number | undefined): Buffer {
    const overloaded = status === 429 || status === 503 || status === 529;
    return encodeData({
      error: {
        message: 'headroom: retrieval continuation failed',
        type: overloaded ? 'overloaded_error' : 'server_error',
        param: null,
        code: status === undefined ? 'upstream_broken' : `upstream_${status}`,
      },
    });
  }

  usage(): Usage {
    return this.usages.reduce<Usage>((s, u) => addUsage(s, readUsage(u)), emptyUsage());
  }
}

function arrayItem(node: JNode | undefined, i: number): JNode | undefined {
  return node?.kind === 'array' ? node.items[i] : undefined;
}

/** Chat Completions SSE with proxy-executed retrievals (proxy.md §8.6). */
export function relayChatStream(
  first: Dispatcher.ResponseData,
  o: StreamRoundsOptions,
): Promise<StreamRoundsResult> {
  return runStreamRounds('chat', first, new ChatDialect(), o);
}
