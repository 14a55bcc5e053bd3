import { z } from 'zod';

/**
 * zod schemas of the CLI's `--json` outputs (cli.md §2, §4), exported as `headroom/schemas`. The
 * compress and pipeline objects are one contract with the proxy's `/v1/compress` and the MCP server,
 * defined once in `@headroom/proxy/schemas`.
 */
export {
  type CompressJson,
  CompressJsonSchema,
  ContentTypeSchema,
  type PipelineJson,
  PipelineJsonSchema,
  StrategySchema,
} from '@headroom/proxy/schemas';

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
