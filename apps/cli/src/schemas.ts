import { z } from 'zod';

/**
 * zod schemas of the CLI's `--json` outputs (cli.md §2, §4), exported as `headroom/schemas`. The
 * compress and pipeline objects are the contract `@headroom/proxy/schemas` also defines for
 * `/v1/compress`; the CLI keeps its own copy so it runs without the proxy built, and a test checks
 * both accept and reject the same objects.
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

export const DoctorJsonSchema = z
  .object({
    ok: z.boolean(),
    checks: z.array(
      z
        .object({
          id: z.string(),
          status: z.enum(['ok', 'warn', 'fail', 'info']),
          summary: z.string(),
          hint: z.string().optional(),
        })
        .strict(),
    ),
  })
  .strict();
export type DoctorJson = z.infer<typeof DoctorJsonSchema>;

export const BenchResultSchema = z.object({
  scenario: z.string(),
  type: z.string(),
  strategy: z.string(),
  bytes: z.number().int(),
  tokensBefore: z.number().int(),
  tokensAfter: z.number().int(),
  savedPct: z.number(),
  p50Ms: z.number(),
  p95Ms: z.number(),
  needles: z.object({ kept: z.number().int(), recoverable: z.number().int(), lost: z.number().int() }),
});
export type BenchResult = z.infer<typeof BenchResultSchema>;
