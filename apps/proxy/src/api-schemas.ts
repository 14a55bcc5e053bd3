import { z } from 'zod';

/**
 * Result objects shared by the proxy's `/v1/compress`, `headroom compress --json`,
 * `headroom pipeline --json` and the MCP server (cli.md §2, §4). Exported as `@headroom/proxy/schemas`.
 */
export const ContentTypeSchema = z.enum(['json', 'code', 'search', 'log', 'diff', 'html', 'text', 'empty']);
export const StrategySchema = z.enum([
  'smart_crusher',
  'search',
  'log',
  'diff',
  'code_aware',
  'text',
  'llmlingua',
  'mixed',
  'passthrough',
]);

/** The `headroom compress --json` object; key order is the one the CLI prints. */
export const CompressJsonSchema = z
  .object({
    compressed: z.string(),
    type: ContentTypeSchema,
    strategy: StrategySchema,
    tokensBefore: z.number().int().nonnegative(),
    tokensAfter: z.number().int().nonnegative(),
    ccr: z.array(z.object({ hash: z.string() }).strict()),
    durationMs: z.number().nonnegative(),
  })
  .strict();
export type CompressJson = z.infer<typeof CompressJsonSchema>;

/** The `headroom pipeline --json` object, picked from the router's `CompressResult`. */
export const PipelineJsonSchema = z
  .object({
    messages: z.array(z.unknown()),
    system: z.unknown().optional(),
    tokensBefore: z.number().int().nonnegative(),
    tokensAfter: z.number().int().nonnegative(),
    transformsApplied: z.array(z.string()),
  })
  .strict();
export type PipelineJson = z.infer<typeof PipelineJsonSchema>;

/** `POST /v1/compress` with one content. */
export const CompressRequestSchema = z
  .object({
    content: z.string(),
    query: z.string().optional(),
    type: z.enum(['auto', 'json', 'search', 'log', 'diff', 'code', 'text']).optional(),
    language: z.string().optional(),
    lossless: z.boolean().optional(),
  })
  .strict();

/** `POST /v1/compress` with a conversation (the `headroom pipeline` input). */
export const PipelineRequestSchema = z
  .object({
    messages: z.array(z.unknown()),
    system: z.unknown().optional(),
    tools: z.array(z.unknown()).optional(),
    model: z.string().optional(),
    maxTokens: z.number().int().positive().optional(),
  })
  .strict();

const count = z.number().nonnegative();
const percentiles = z.object({ p50: count, p90: count, p99: count });

/** `GET /stats` (read by `headroom stats` and the dashboard). */
export const StatsSchema = z.object({
  service: z.literal('headroom-proxy'),
  version: z.string(),
  startedAt: z.string(),
  uptimeS: count,
  mode: z.enum(['cache', 'lossless', 'passthrough']),
  store: z.object({ kind: z.string(), ok: z.boolean() }),
  requests: z.object({
    total: count,
    byProvider: z.record(z.string(), count),
    byEndpoint: z.record(z.string(), count),
    streaming: count,
    failed: count,
    clientAborts: count,
  }),
  tokens: z.object({
    before: count,
    after: count,
    saved: z.number(),
    savedPct: z.number(),
    providerSaved: z.number(),
    byType: z.record(z.string(), z.number()),
    calibration: z.record(
      z.string(),
      z.object({ ratio: z.number(), samples: count, calibrated: z.boolean() }),
    ),
  }),
  usage: z.object({
    inputTokens: count,
    outputTokens: count,
    cacheReadTokens: count,
    cacheWriteTokens: count,
  }),
  units: z.record(z.string(), count),
  failOpen: z.record(z.string(), count),
  ccr: z.object({
    injected: count,
    rounds: count,
    retrievals: count,
    misses: count,
    droppedMixed: count,
    roundLimit: count,
  }),
  latency: z.object({ overheadMs: percentiles, ttfbMs: percentiles }),
  lifetime: z.object({
    since: z.string().nullable(),
    requests: count,
    tokensSaved: z.number(),
    providerTokensSaved: z.number(),
  }),
});
export type Stats = z.infer<typeof StatsSchema>;
