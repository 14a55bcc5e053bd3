import { modelLimit } from '@headroom/core';
import type { WindowOptions } from './types.js';

/** The seed's default when neither a budget nor a model limit is known. */
export const DEFAULT_BUDGET = 100_000;

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/**
 * `opts.maxTokens ?? config.maxTokens ?? modelLimit − outputBufferTokens`, else 100,000. The model
 * limit is `opts.modelLimit` or the table's entry for `opts.model`. An unusable option (negative,
 * NaN, not a number) is ignored with a warning instead of failing the request.
 */
export function resolveBudget(
  opts: WindowOptions,
  config: { maxTokens?: number | undefined; outputBufferTokens: number },
  warnings: string[],
): number {
  const usable = (name: string, v: unknown): v is number => {
    if (v === undefined) return false;
    if (isCount(v)) return true;
    warnings.push(`invalid_option:${name}`);
    return false;
  };
  if (usable('maxTokens', opts.maxTokens)) return Math.floor(opts.maxTokens);
  if (config.maxTokens !== undefined) return config.maxTokens;
  const limit = usable('modelLimit', opts.modelLimit)
    ? opts.modelLimit
    : typeof opts.model === 'string'
      ? modelLimit(opts.model)
      : undefined;
  if (limit === undefined) return DEFAULT_BUDGET;
  return Math.max(0, Math.floor(limit) - config.outputBufferTokens);
}
