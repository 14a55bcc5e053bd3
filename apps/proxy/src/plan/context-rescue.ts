import { IntelligentContextManager, RollingWindow } from '@headroom/context';
import { estimateTokens, getTokenizer, modelLimit } from '@headroom/core';
import type { HeadroomStore } from '@headroom/store';
import { child, type JNode, literalText } from '../body/json-scan.js';
import type { RequestShape } from '../body/request-shape.js';
import { type Edit, splice } from '../body/splice.js';

export type ContextManagerName = 'intelligent' | 'rolling-window' | 'none';

export interface RescueOptions {
  manager: ContextManagerName;
  /** The model family's calibration ratio (provider tokens per local token). */
  ratio: number;
  store: HeadroomStore;
  /** Exact local count of a request (the proxy's TokenCounter). */
  count: (shape: RequestShape) => number;
}

export interface Rescue {
  body: Buffer;
  /** Messages dropped. */
  dropped: number;
}

/** Share of the context window kept free for the provider's own framing (proxy.md §7.4). */
const HEADROOM_SHARE = 0.02;

const MAX_OUTPUT_KEYS: Record<RequestShape['endpoint'], string[]> = {
  messages: ['max_tokens'],
  chat: ['max_completion_tokens', 'max_tokens'],
  responses: ['max_output_tokens'],
};

function maxOutput(shape: RequestShape): number {
  for (const k of MAX_OUTPUT_KEYS[shape.endpoint]) {
    const n = Number(literalText(shape.buf, child(shape.root, k)));
    if (Number.isFinite(n) && n > 0) return n;
  }
  return 0;
}

function parse(buf: Buffer, node: JNode): unknown {
  return JSON.parse(buf.toString('utf8', node.start, node.end));
}

/** Tokens the request may use: the model limit less its max output and a 2 % margin. */
function budget(shape: RequestShape): number | undefined {
  const limit = shape.model ? modelLimit(shape.model) : undefined;
  return limit === undefined ? undefined : limit - maxOutput(shape) - HEADROOM_SHARE * limit;
}

/**
 * Cheap gate, before anything is scanned or counted: whether a body of `bytes` bytes with this
 * request's model, max output and messages could be over the limit at all (`estimateTokens`
 * never exceeds bytes / 3). Most requests stop here.
 */
export function mayNeedRescue(
  shape: RequestShape,
  bytes: number,
  opts: Pick<RescueOptions, 'manager' | 'ratio'>,
): boolean {
  if (opts.manager === 'none' || !shape.messages || shape.messages.items.length === 0) return false;
  const threshold = budget(shape);
  return threshold !== undefined && (bytes / 3) * opts.ratio > threshold;
}

/**
 * The context rescue (proxy.md §7.4), run on the planned body only when it is over the model
 * limit: core's estimate × calibration against `limit − max output − 2 %`, then the exact count;
 * if still over, the configured `@headroom/context` manager picks whole units to drop (tool calls
 * stay with their results) and one marker message whose CCR entry holds them. Its `DropPlan` is
 * applied as splice edits: each dropped run deleted with its comma, the marker inserted. Unknown
 * models, `none`, an unhealthy store or anything unexpected leave the body as it is.
 */
export async function contextRescue(shape: RequestShape, opts: RescueOptions): Promise<Rescue | undefined> {
  const { buf, root } = shape;
  const list = shape.messages;
  const threshold = budget(shape);
  if (!list || threshold === undefined || !mayNeedRescue(shape, buf.length, opts)) return undefined;
  if (estimateTokens(buf.toString('utf8')) * opts.ratio <= threshold) return undefined;
  const exact = opts.count(shape);
  if (exact * opts.ratio <= threshold || !opts.store.health().ok) return undefined;

  const messages = list.items.map((m) => parse(buf, m)) as object[];
  const systemNode =
    shape.endpoint === 'messages'
      ? child(root, 'system')
      : shape.endpoint === 'responses'
        ? child(root, 'instructions')
        : undefined;
  const tokenizer = getTokenizer(shape.model);
  // The managers see messages and system only: the tools' share comes off their budget.
  const toolTokens = shape.tools
    ? tokenizer.count(buf.toString('utf8', shape.tools.start, shape.tools.end))
    : 0;
  const maxTokens = Math.floor(threshold / opts.ratio) - toolTokens;
  if (maxTokens <= 0) return undefined;
  const input =
    shape.endpoint === 'chat'
      ? messages
      : {
          format: shape.endpoint === 'messages' ? ('anthropic' as const) : ('openai-responses' as const),
          ...(systemNode ? { system: parse(buf, systemNode) as string } : {}),
          messages,
        };
  const deps = { store: opts.store, tokenizer };
  const result =
    opts.manager === 'rolling-window'
      ? new RollingWindow(undefined, deps).apply(input, { maxTokens, tokenizer, model: shape.model })
      : await new IntelligentContextManager(undefined, deps).apply(input, {
          maxTokens,
          tokenizer,
          model: shape.model,
        });
  const { drop, insert, replace } = result.plan;
  if (drop.length === 0 || (replace?.length ?? 0) > 0) return undefined;
  await opts.store.flush(); // the marker leaves only once its original is durable

  const items = list.items;
  const edits: Edit[] = [];
  const dropped = [...new Set(drop)].sort((a, b) => a - b);
  for (let i = 0; i < dropped.length; ) {
    let j = i;
    while (j + 1 < dropped.length && dropped[j + 1] === dropped[j]! + 1) j++;
    const a = dropped[i]!;
    const b = dropped[j]!;
    if (a < 0 || b >= items.length) return undefined;
    // A run with a successor takes its following comma; a trailing run takes the preceding one.
    if (b + 1 < items.length)
      edits.push({ start: items[a]!.start, end: items[b + 1]!.start, bytes: Buffer.alloc(0) });
    else if (a > 0) edits.push({ start: items[a - 1]!.end, end: items[b]!.end, bytes: Buffer.alloc(0) });
    else return undefined; // never drop everything
    i = j + 1;
  }
  if (insert) {
    const marker = JSON.stringify(insert.message);
    edits.push(
      insert.at < items.length
        ? { start: items[insert.at]!.start, end: items[insert.at]!.start, bytes: Buffer.from(`${marker},`) }
        : { start: list.end - 1, end: list.end - 1, bytes: Buffer.from(`,${marker}`) },
    );
  }
  const body = splice(buf, edits);
  // Self-check: the bytes say exactly what the manager decided.
  const want = Array.isArray(result.messages)
    ? result.messages
    : (result.messages as { messages: unknown }).messages;
  const got = (JSON.parse(body.toString('utf8')) as Record<string, unknown>)[
    shape.endpoint === 'responses' ? 'input' : 'messages'
  ];
  if (JSON.stringify(got) !== JSON.stringify(want)) return undefined;
  return { body, dropped: dropped.length };
}
