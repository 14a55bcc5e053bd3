import { z } from 'zod';
import { nonNegativeInt, positiveInt, positiveNumber, ratio } from './shared.js';

export const RouterDefaultStrategy = z.enum(['text', 'llmlingua', 'passthrough']);
export type RouterDefaultStrategy = z.output<typeof RouterDefaultStrategy>;

export const RouterScope = z.enum(['all', 'live']);
export type RouterScope = z.output<typeof RouterScope>;

/** The router's memo uses core's `MemoCache` limits (`HeadroomConfig.memo`). */
export const RouterMemoConfig = z
  .object({
    enabled: z.boolean().default(true),
  })
  .strict();
export type RouterMemoConfig = z.output<typeof RouterMemoConfig>;
export type RouterMemoConfigInput = z.input<typeof RouterMemoConfig>;

export const ContentRouterConfig = z
  .object({
    // Smaller content/sections pass through (seed).
    minSectionTokens: nonNegativeInt.default(100),
    enableCodeAware: z.boolean().default(true),
    enableSearchCompression: z.boolean().default(true),
    enableLogCompression: z.boolean().default(true),
    // For prose, HTML and disabled types (seed).
    defaultStrategy: RouterDefaultStrategy.default('text'),
    enableSmartCrusher: z.boolean().default(true),
    enableDiffCompression: z.boolean().default(true),
    // Opt-in: heavy; when on and installed, prose goes to LLMLingua.
    enableLlmlingua: z.boolean().default(false),
    // Split mixed content into sections.
    mixedContent: z.boolean().default(true),
    // Indicators needed to treat content as mixed.
    mixedContentThreshold: positiveInt.default(2),
    // A lossy result must reach tokensAfter ≤ acceptRatio · tokensBefore.
    acceptRatio: ratio.default(0.85),
    // Never compressed.
    excludeTools: z.array(z.string()).default(['headroom_retrieve']),
    // Code in the last N entries is not compressed (the model is about to edit it).
    protectRecentCode: nonNegativeInt.default(4),
    // Analysis words in the last user message protect all code.
    protectAnalysisContext: z.boolean().default(true),
    // Adaptive-K bias per tool (the Python Headroom reference's profiles).
    toolBias: z
      .record(z.string(), positiveNumber)
      .default(() => ({ Grep: 1.5, grep: 1.5, Bash: 1.0, WebFetch: 0.7 })),
    memo: RouterMemoConfig.prefault({}),
    // live: only tool results after the last assistant entry (the proxy's live zone).
    scope: RouterScope.default('all'),
  })
  .strict();
export type ContentRouterConfig = z.output<typeof ContentRouterConfig>;
export type ContentRouterConfigInput = z.input<typeof ContentRouterConfig>;
