import { z } from 'zod';
import { HeadroomError } from '../errors.js';

/** A fraction in [0, 1] (thresholds, rates, ratios). */
export const ratio = z.number().min(0).max(1);
/** A count that must be at least 1 (sizes, limits, windows). */
export const positiveInt = z.number().int().positive();
/** A count where 0 is meaningful (keep-N settings, context lines, buffers, minimums). */
export const nonNegativeInt = z.number().int().nonnegative();
/** A finite number > 0 (multipliers). */
export const positiveNumber = z.number().positive();
/** A finite number ≥ 0. */
export const nonNegativeNumber = z.number().nonnegative();

const MIB = 1024 * 1024;
/** `n` mebibytes in bytes. */
export function mib(n: number): number {
  return n * MIB;
}

function dotted(path: readonly PropertyKey[]): string {
  return path.map((segment) => String(segment)).join('.');
}

/** Issues joined by "; ", each bad field named by its dotted path (`smartCrusher.maxItemsAfterCrush: …`). */
export function formatConfigIssues(issues: readonly z.core.$ZodIssue[]): string {
  const parts: string[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      // zod reports the parent's path; name each unknown key as a field of its own.
      for (const key of issue.keys) parts.push(`${dotted([...issue.path, key])}: unrecognized key`);
      continue;
    }
    // The "Invalid input: " prefix repeats what the surrounding message already says.
    const message = issue.message.replace(/^Invalid input: /, '');
    parts.push(issue.path.length > 0 ? `${dotted(issue.path)}: ${message}` : message);
  }
  return parts.join('; ');
}

/**
 * Parse a config with `schema`; `undefined` means "all defaults". Throws
 * `HeadroomError('INVALID_CONFIG')` naming every bad field, e.g.
 * `Invalid smartCrusher config: maxItemsAfterCrush: expected number, received string`.
 */
export function parseConfig<S extends z.ZodType>(schema: S, input: unknown, name: string): z.output<S> {
  const result = schema.safeParse(input === undefined ? {} : input);
  if (result.success) return result.data;
  const message = `Invalid ${name} config: ${formatConfigIssues(result.error.issues)}`;
  throw new HeadroomError('INVALID_CONFIG', message, { cause: result.error });
}
