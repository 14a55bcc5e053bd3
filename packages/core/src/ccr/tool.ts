import type { WireFormat } from '../messages/types.js';
import { formatMarker } from './marker.js';
import type { CcrEntry } from './store.js';

export const CCR_TOOL_NAME = 'headroom_retrieve';

const HASH_RE = /^[0-9a-f]{24}$/;

export function isCcrHash(s: unknown): s is string {
  return typeof s === 'string' && HASH_RE.test(s);
}

/** The marker shown in the tool description; made by `formatMarker` so the two cannot drift. */
export function exampleMarker(): string {
  return formatMarker({ hash: '0123456789abcdef01234567', omitted: 85, total: 100, unit: 'rows' });
}

export const CCR_TOOL_DESCRIPTION =
  `Return the original, uncompressed content behind a Headroom marker such as ${exampleMarker()}. ` +
  'Use only when the compressed text lacks a detail you need. ' +
  'Call it on its own, not in the same turn as other tools.';

const INPUT_SCHEMA = {
  type: 'object',
  properties: { hash: { type: 'string', description: 'The hash shown in the marker.' } },
  required: ['hash'],
  additionalProperties: false,
} as const;

/**
 * The retrieval tool in each provider's shape. Constant bytes: changing them busts every prompt
 * cache that includes the tool list once.
 */
export function ccrToolDefinition(format: WireFormat): Record<string, unknown> {
  switch (format) {
    case 'anthropic':
      return { name: CCR_TOOL_NAME, description: CCR_TOOL_DESCRIPTION, input_schema: INPUT_SCHEMA };
    case 'openai-chat':
      return {
        type: 'function',
        function: { name: CCR_TOOL_NAME, description: CCR_TOOL_DESCRIPTION, parameters: INPUT_SCHEMA },
      };
    case 'openai-responses':
      return {
        type: 'function',
        name: CCR_TOOL_NAME,
        description: CCR_TOOL_DESCRIPTION,
        parameters: INPUT_SCHEMA,
        strict: true,
      };
  }
}

/** The tool result for a retrieval: the exact original, or the miss text. */
export function formatRetrieval(entry: CcrEntry | undefined, hash?: string): string {
  if (entry) return entry.original;
  return `Headroom: no stored original for hash ${hash ?? 'unknown'} (unknown or expired). Re-run the tool that produced it if you need the full output.`;
}
