import { RawNumber } from '../json/raw-number.js';

/**
 * The searchable text of a JSON value: its string leaves and number lexemes down to `maxDepth`,
 * never its keys (keys repeat in every item and would drown the signal).
 */
export function valueText(value: unknown, maxDepth = 4): string {
  const parts: string[] = [];
  collect(value, maxDepth, parts);
  return parts.join(' ');
}

function collect(value: unknown, depth: number, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (typeof value === 'number' || typeof value === 'bigint') out.push(String(value));
  else if (value instanceof RawNumber) out.push(value.raw);
  else if (typeof value === 'boolean' || value === null || value === undefined || depth <= 0) return;
  else if (Array.isArray(value)) for (const v of value) collect(v, depth - 1, out);
  else if (typeof value === 'object') for (const v of Object.values(value)) collect(v, depth - 1, out);
}
