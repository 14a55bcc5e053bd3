import { z } from 'zod';
import { nonNegativeInt, positiveInt } from './shared.js';

export const AlignerMode = z.enum(['rewrite', 'detect']);
export type AlignerMode = z.output<typeof AlignerMode>;

export const AlignerPlacement = z.enum(['end', 'last-user', 'system-tail']);
export type AlignerPlacement = z.output<typeof AlignerPlacement>;

/** An extra value grammar; the aligner compiles `pattern` once with the `gu` flags. */
export const AlignerCustomPattern = z
  .object({
    name: z.string().min(1),
    pattern: z
      .string()
      .min(1)
      .refine(
        (source) => {
          try {
            new RegExp(source, 'gu');
            return true;
          } catch {
            return false;
          }
        },
        { message: 'invalid regular expression (compiled with the gu flags)' },
      ),
  })
  .strict();
export type AlignerCustomPattern = z.output<typeof AlignerCustomPattern>;

export const CacheAlignerConfig = z
  .object({
    enabled: z.boolean().default(true),
    // detect = report and hash only, never mutate.
    mode: AlignerMode.default('rewrite'),
    extractDates: z.boolean().default(true),
    // Clock times, only in statement form.
    extractTimes: z.boolean().default(true),
    extractIdentifiers: z.boolean().default(true),
    extractInline: z.boolean().default(true),
    // System text only.
    normalizeWhitespace: z.boolean().default(true),
    // Below it the call degrades to detect.
    stablePrefixMinTokens: nonNegativeInt.default(100),
    // 'end': the tail goes after everything the provider could have cached, so a per-request value
    // costs only the tail itself, never the conversation behind it.
    placement: AlignerPlacement.default('end'),
    tailHeader: z.string().default('[Dynamic Context]'),
    tailSeparator: z.string().default('\n\n---\n'),
    extraLabels: z.array(z.string().min(1)).default([]),
    customPatterns: z.array(AlignerCustomPattern).default([]),
    // Client `cache_control` in system blocks ⇒ detect.
    respectCacheControl: z.boolean().default(true),
    // More spans than this ⇒ detect + warning (likely not a prompt template).
    maxSpans: positiveInt.default(32),
  })
  .strict();
export type CacheAlignerConfig = z.output<typeof CacheAlignerConfig>;
export type CacheAlignerConfigInput = z.input<typeof CacheAlignerConfig>;
