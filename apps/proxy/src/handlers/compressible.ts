import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setImmediate as tick } from 'node:timers/promises';
import { measureClaudeInput } from '../accounting/exact-savings.js';
import { readUsage, type Usage, UsageTap } from '../accounting/usage.js';
import { type Endpoint, type Provider, type RequestShape, readShape } from '../body/request-shape.js';
import { type BufferedResponse, runJsonRounds } from '../ccr/json-rounds.js';
import { relayCcrStream } from '../ccr/relay-stream.js';
import { ProxyMode } from '../config.js';
import type { ProxyContext } from '../context.js';
import { sendProxyError } from '../errors.js';
import { modelFamily } from '../observability/metrics.js';
import { type RequestRecord, recordRequest, round2 } from '../observability/record.js';
import { TOOL_BYTES } from '../plan/ccr-injection.js';
import { type Plan, planRequest } from '../plan/plan.js';
import { dispatch } from '../upstream/dispatch.js';
import { forwardHeaders, readHeadroomHeaders, responseHeaders } from '../upstream/headers.js';
import { handlePassthrough } from './passthrough.js';
import { BodyTooLargeError, readAll, readBody } from './read-body.js';
import { clientAbort, relayBody, sendUpstreamFailure } from './relay.js';

const INBOUND_BODY_TIMEOUT_MS = 120_000;

function requestMode(header: { mode?: string; bypass: boolean }, fallback: ProxyMode): ProxyMode {
  if (header.bypass) return 'passthrough';
  if (header.mode === undefined) return fallback;
  const parsed = ProxyMode.safeParse(header.mode);
  return parsed.success ? parsed.data : fallback;
}

/** POST /v1/messages, /v1/chat/completions, /v1/responses: plan, dispatch, relay (proxy.md §5). */
export async function handleCompressible(
  ctx: ProxyContext,
  req: IncomingMessage,
  res: ServerResponse,
  endpoint: Endpoint,
): Promise<void> {
  const provider: Provider = endpoint === 'messages' ? 'anthropic' : 'openai';
  if (req.headers['content-encoding'] !== undefined) return handlePassthrough(ctx, req, res, provider);
  const started = performance.now();
  const hh = readHeadroomHeaders(req.rawHeaders);
  let body: Buffer;
  try {
    body = await readBody(req, ctx.config.maxBodyBytes, INBOUND_BODY_TIMEOUT_MS);
  } catch (err) {
    if (err instanceof BodyTooLargeError)
      sendProxyError(res, provider, 'request_too_large', 'request body too large');
    else res.destroy();
    return;
  }
  const planStart = performance.now();
  const controller = clientAbort(ctx, req, res);
  const mode = requestMode(hh, ctx.config.mode);
  const rec: RequestRecord = {
    reqId: randomUUID(),
    ...(hh.sessionId ? { sessionTag: hh.sessionId.slice(0, 64) } : {}),
    method: 'POST',
    path: (req.url ?? '/').split('?')[0]!,
    provider,
    endpoint,
    stream: false,
    status: 0,
    mode,
    tokensBefore: 0,
    tokensAfter: 0,
    overheadMs: 0,
    totalMs: 0,
    units: [],
    transforms: [],
    ccr: { injected: false, rounds: 0, retrievals: 0, misses: 0 },
    failOpen: [],
    clientAborted: false,
    ...(typeof req.headers['user-agent'] === 'string' ? { userAgent: req.headers['user-agent'] } : {}),
  };

  let shape: RequestShape | undefined;
  let plan: Plan | undefined;
  try {
    shape = readShape(body, endpoint, ctx.recentScans);
    rec.model = shape.model;
    rec.stream = shape.stream;
  } catch {
    rec.failOpen.push('parse');
  }
  if (shape) {
    try {
      plan = await planRequest(shape, {
        provider,
        mode,
        store: ctx.store,
        minUnitTokens: ctx.config.minUnitTokens,
        isProtected: ctx.isProtected,
        deadline: Date.now() + ctx.config.compressionBudgetMs,
        signal: controller.signal,
        lane: ctx.lane,
        verify: ctx.config.verifySplice >= 1 || Math.random() < ctx.config.verifySplice,
        cacheAligner: ctx.config.cacheAligner,
        backpressure: ctx.load.overloaded(),
        rescue: {
          manager: ctx.config.contextManager,
          ratio: ctx.tokens.calibration.ratio(modelFamily(shape.model)),
          count: (s) => ctx.tokens.count(s),
        },
      });
      rec.failOpen.push(...plan.failOpen);
      rec.units = plan.units;
      rec.transforms = plan.transforms;
      rec.ccr.injected = plan.ccr.inject;
      if (plan.failOpen.includes('splice')) ctx.metrics.spliceMismatch.inc();
    } catch {
      rec.failOpen.push('error');
      plan = undefined;
    }
  }
  const forwarded = plan?.body ?? body;
  ctx.bodyLog?.write(rec.reqId, req.rawHeaders, body, forwarded);
  // Only when something changed: an unchanged body saves nothing worth spending the user's key on.
  const measured =
    endpoint === 'messages' && shape && forwarded !== body && Math.random() < ctx.config.exactClaudeSavings
      ? measureClaudeInput(ctx, req.rawHeaders, shape)
      : undefined;
  const upstream = ctx.upstreams[provider];
  const send = (b: Buffer) =>
    dispatch(ctx.agent, {
      upstream,
      method: 'POST',
      url: req.url ?? '/',
      headers: forwardHeaders(req.rawHeaders, {
        host: upstream.host,
        contentLength: b.length,
        identityEncoding: true,
      }),
      body: b,
      signal: controller.signal,
    });
  const pending = send(forwarded);
  pending.catch(() => undefined);
  rec.overheadMs = performance.now() - planStart;

  // Count while the upstream works: the request leaves first, headers wait for the counts.
  const counted = tick()
    .then(() => {
      if (!shape) return;
      // Exact counts for this request's units first: the memo stores what replays report.
      for (const r of plan?.recount ?? []) {
        r.entry.tokensBefore = ctx.tokens.countText(shape.model, r.before);
        r.entry.tokensAfter = ctx.tokens.countText(shape.model, r.after);
        r.unit.tokensSaved = r.entry.tokensBefore - r.entry.tokensAfter;
      }
      for (const [key, entry] of plan?.memoWrites ?? [])
        void ctx.store.memoPut(key, entry).catch(() => undefined);
      rec.tokensBefore = ctx.tokens.count(shape);
      const saved = rec.units.reduce(
        (s, x) => s + (x.outcome === 'compressed' || x.outcome === 'replayed' ? x.tokensSaved : 0),
        0,
      );
      const toolCost = plan?.ccr.inject
        ? ctx.tokens.countText(shape.model, TOOL_BYTES[endpoint].toString('utf8'))
        : 0;
      // A context rescue's drops were counted exactly on the planned body, before and after.
      const rescued = plan?.rescued ? plan.rescued.before - plan.rescued.after : 0;
      rec.tokensAfter = rec.tokensBefore - saved + toolCost - rescued;
    })
    .catch(() => undefined);

  try {
    const [r] = await Promise.all([pending, counted]);
    rec.ttfbMs = performance.now() - planStart;
    const meter = () => [
      'x-headroom-tokens-before',
      String(rec.tokensBefore),
      'x-headroom-tokens-after',
      String(rec.tokensAfter),
      'x-headroom-tokens-saved',
      String(rec.tokensBefore - rec.tokensAfter),
      'x-headroom-overhead-ms',
      round2(rec.overheadMs).toFixed(2),
      'x-headroom-mode',
      mode,
      'x-headroom-request-id',
      rec.reqId,
      ...(rec.transforms.length > 0 ? ['x-headroom-transforms', rec.transforms.join(',')] : []),
      ...(rec.failOpen.length > 0 ? ['x-headroom-fail-open', [...new Set(rec.failOpen)].join(',')] : []),
    ];
    const contentType = String(r.headers['content-type'] ?? '');
    const sse = contentType.includes('text/event-stream');
    if (plan?.ccr.inject && !shape?.stream && r.statusCode === 200 && !sse) {
      const first: BufferedResponse = {
        statusCode: r.statusCode,
        headers: r.headers,
        body: await readAll(r.body),
      };
      const out = await runJsonRounds(first, {
        endpoint,
        store: ctx.store,
        maxRounds: ctx.config.ccr.maxRounds,
        forwarded,
        send: async (b) => {
          const x = await send(b);
          return { statusCode: x.statusCode, headers: x.headers, body: await readAll(x.body) };
        },
      });
      rec.ccr = {
        injected: true,
        rounds: out.rounds,
        retrievals: out.retrievals,
        misses: out.misses,
        ...(out.dropped ? { dropped: out.dropped } : {}),
      };
      const resp = out.response;
      rec.status = resp.statusCode;
      const headers = responseHeaders(
        resp.headers,
        out.rewritten ? ['content-length', 'content-encoding'] : [],
      );
      if (out.rewritten) headers.push('content-length', String(resp.body.length));
      if (out.rounds > 0) headers.push('x-headroom-ccr-rounds', String(out.rounds));
      res.writeHead(resp.statusCode, [...headers, ...meter()]);
      res.end(resp.body);
      // Merged rounds would skew calibration: usage is reported, calibration is not fed.
      if (resp.statusCode === 200) rec.usage = usageOf(resp.body);
    } else if (plan?.ccr.inject && shape?.stream && sse && r.statusCode === 200) {
      rec.status = r.statusCode;
      res.writeHead(r.statusCode, [...responseHeaders(r.headers, ['content-length']), ...meter()]);
      const out = await relayCcrStream(endpoint, r, {
        store: ctx.store,
        maxRounds: ctx.config.ccr.maxRounds,
        forwarded,
        send,
        res,
      });
      rec.ccr = {
        injected: true,
        rounds: out.rounds,
        retrievals: out.retrievals,
        misses: out.misses,
        ...(out.dropped ? { dropped: out.dropped } : {}),
      };
      rec.usage = out.usage;
      if (out.broken && !controller.signal.aborted) rec.upstreamError = 'broken_stream';
    } else {
      rec.status = r.statusCode;
      res.writeHead(r.statusCode, [...responseHeaders(r.headers), ...meter()]);
      const tap = new UsageTap(sse);
      const ok = await relayBody(r.body, res, (c) => tap.push(c));
      if (ok) rec.usage = tap.end();
      else rec.upstreamError = controller.signal.aborted ? undefined : 'broken_stream';
    }
  } catch (err) {
    if (!controller.signal.aborted) {
      sendUpstreamFailure(ctx, res, provider, err);
      rec.status = res.statusCode;
      rec.upstreamError = 'request';
    }
  } finally {
    rec.clientAborted = controller.signal.aborted;
    rec.totalMs = performance.now() - started;
    if (measured) rec.measuredBefore = await measured;
    recordRequest(ctx, rec);
  }
}

function usageOf(body: Buffer): Usage | undefined {
  try {
    return readUsage((JSON.parse(body.toString('utf8')) as { usage?: unknown }).usage);
  } catch {
    return undefined;
  }
}
