import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import {
  type Conversation,
  isCcrHash,
  isConversation,
  type MessagesInput,
  type WireMessage,
} from '@headroom/core';
import { compress, compressContent } from '@headroom/router';
import {
  type CompressJson,
  CompressRequestSchema,
  type PipelineJson,
  PipelineRequestSchema,
} from '../api-schemas.js';
import type { ProxyContext } from '../context.js';
import { round2 } from '../observability/record.js';
import { buildStats } from '../observability/stats.js';
import { readBody } from './read-body.js';

export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  extra: Record<string, string> = {},
): void {
  const bytes = Buffer.from(JSON.stringify(value));
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': bytes.length,
    'cache-control': 'no-store',
    ...extra,
  });
  res.end(bytes);
}

export function handleHealth(ctx: ProxyContext, res: ServerResponse, local: boolean): void {
  if (!local) {
    sendJson(res, 200, { status: 'ok' });
    return;
  }
  sendJson(res, 200, {
    status: 'ok',
    service: 'headroom-proxy',
    version: ctx.version,
    pid: process.pid,
    mode: ctx.config.mode,
    store: { kind: ctx.store.kind, ok: ctx.store.health().ok },
    leaseMode: ctx.config.leaseMode,
  });
}

export async function handleStats(ctx: ProxyContext, res: ServerResponse): Promise<void> {
  sendJson(res, 200, await buildStats(ctx));
}

export function handleMetrics(ctx: ProxyContext, res: ServerResponse): void {
  ctx.metrics.inflight.set({}, ctx.inflight);
  ctx.metrics.workerQueueDepth.set({}, ctx.lane.queueDepth);
  ctx.metrics.loopDelayP99.set({}, ctx.load.loopDelayP99Ms / 1000);
  ctx.metrics.storeUp.set({}, ctx.store.health().ok ? 1 : 0);
  const text = ctx.metrics.render();
  res.writeHead(200, {
    'content-type': 'text/plain; version=0.0.4; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(text);
}

/** `GET /v1/retrieve/:hash[?query=…]` (proxy.md §8.7). */
export async function handleRetrieve(
  ctx: ProxyContext,
  res: ServerResponse,
  hash: string,
  query: string | null,
): Promise<void> {
  if (!isCcrHash(hash))
    return sendJson(res, 400, { error: { type: 'invalid_request', message: 'malformed hash' } });
  try {
    if (query !== null) {
      const found = await ctx.store.search(hash, query);
      if (!found)
        return sendJson(res, 404, { error: { type: 'not_found', message: 'unknown or expired hash' } });
      return sendJson(res, 200, found);
    }
    const entry = await ctx.store.get(hash);
    if (!entry)
      return sendJson(res, 404, { error: { type: 'not_found', message: 'unknown or expired hash' } });
    const bytes = Buffer.from(entry.original, 'utf8');
    const type = entry.kind === 'json' ? 'application/json' : 'text/plain';
    res.writeHead(200, {
      'content-type': `${type}; charset=utf-8`,
      'content-length': bytes.length,
      'cache-control': 'no-store',
    });
    res.end(bytes);
  } catch {
    sendJson(res, 503, { error: { type: 'store_unavailable', message: 'store temporarily unavailable' } });
  }
}

/** `POST /v1/compress`: one content → the compress JSON object; a conversation → the pipeline JSON object. */
export async function handleCompress(
  ctx: ProxyContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  let input: unknown;
  try {
    input = JSON.parse((await readBody(req, ctx.config.maxBodyBytes, 120_000)).toString('utf8'));
  } catch {
    return sendJson(res, 400, { error: { type: 'invalid_request', message: 'body is not JSON' } });
  }
  const one = CompressRequestSchema.safeParse(input);
  if (one.success) return sendJson(res, 200, ...(await compressOne(ctx, one.data)));
  const conv = PipelineRequestSchema.safeParse(input);
  if (conv.success) return sendJson(res, 200, await compressConversation(ctx, conv.data));
  sendJson(res, 400, {
    error: { type: 'invalid_request', message: 'expected {content} or {messages}', issues: one.error.issues },
  });
}

async function compressOne(
  ctx: ProxyContext,
  body: {
    content: string;
    query?: string | undefined;
    type?: string | undefined;
    language?: string | undefined;
    lossless?: boolean | undefined;
  },
): Promise<[CompressJson, Record<string, string>]> {
  const t0 = performance.now();
  const lossless = body.lossless === true || !ctx.store.health().ok;
  try {
    const r = await compressContent(body.content, {
      ...(body.query ? { query: body.query } : {}),
      lossless,
      store: ctx.store,
      deadline: Date.now() + Math.max(ctx.config.compressionBudgetMs, 5_000),
    });
    if (r.ccr.length > 0) await ctx.store.flush();
    const passthrough = r.compressed === body.content;
    return [
      {
        compressed: r.compressed,
        type: r.type,
        strategy: passthrough ? 'passthrough' : r.strategy,
        tokensBefore: r.tokensBefore,
        tokensAfter: passthrough ? r.tokensBefore : r.tokensAfter,
        ccr: r.ccr.map((hash) => ({ hash })),
        durationMs: round2(performance.now() - t0),
      },
      {},
    ];
  } catch {
    const tokens = ctx.tokens.countText(undefined, body.content);
    return [
      {
        compressed: body.content,
        type: 'text',
        strategy: 'passthrough',
        tokensBefore: tokens,
        tokensAfter: tokens,
        ccr: [],
        durationMs: round2(performance.now() - t0),
      },
      { 'x-headroom-fail-open': 'error' },
    ];
  }
}

async function compressConversation(
  ctx: ProxyContext,
  body: {
    messages: unknown[];
    system?: unknown;
    tools?: unknown[] | undefined;
    model?: string | undefined;
    maxTokens?: number | undefined;
  },
): Promise<PipelineJson> {
  const model = body.model ?? 'gpt-4o';
  const messages = body.messages as WireMessage[];
  const input: MessagesInput =
    body.system !== undefined
      ? { format: 'anthropic', system: body.system as Conversation['system'] & string, messages }
      : messages;
  const r = await compress(input, {
    model,
    store: ctx.store,
    ...(body.maxTokens ? { modelLimit: body.maxTokens } : {}),
  });
  const out = r.messages;
  return {
    messages: [...(isConversation(out) ? out.messages : out)],
    ...(isConversation(out) && body.system !== undefined ? { system: out.system } : {}),
    tokensBefore: r.tokensBefore,
    tokensAfter: r.tokensAfter,
    transformsApplied: r.transformsApplied,
  };
}
