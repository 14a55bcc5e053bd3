import { CCR_TOOL_NAME, ccrToolDefinition, type WireFormat } from '@headroom/core';
import { child, literalText, stringField } from '../body/json-scan.js';
import type { Endpoint, RequestShape } from '../body/request-shape.js';
import type { ProxyMode } from '../config.js';

export const FORMAT: Record<Endpoint, WireFormat> = {
  messages: 'anthropic',
  chat: 'openai-chat',
  responses: 'openai-responses',
};

/** The retrieval tool's constant bytes per shape (snapshot-tested: changing them busts caches once). */
export const TOOL_BYTES: Record<Endpoint, Buffer> = {
  messages: Buffer.from(JSON.stringify(ccrToolDefinition('anthropic'))),
  chat: Buffer.from(JSON.stringify(ccrToolDefinition('openai-chat'))),
  responses: Buffer.from(JSON.stringify(ccrToolDefinition('openai-responses'))),
};

export interface CcrDecision {
  /** The proxy appends its retrieval tool and executes retrievals itself. */
  inject: boolean;
  /** The client already has a retrieval tool (MCP) and runs it: markers are redeemable. */
  clientHasTool: boolean;
}

export function isRetrievalName(name: string | undefined): boolean {
  return name !== undefined && (name === CCR_TOOL_NAME || name.endsWith(`__${CCR_TOOL_NAME}`));
}

function toolName(shape: RequestShape, i: number): string | undefined {
  const t = shape.tools?.items[i];
  return shape.endpoint === 'chat'
    ? stringField(shape.buf, child(t, 'function'), 'name')
    : stringField(shape.buf, t, 'name');
}

/**
 * A pure function of the request (proxy.md §8.1), so the tools array never flips within a
 * conversation. The proxy executes retrieval calls in JSON and SSE responses of all three APIs.
 */
export function decideCcr(shape: RequestShape, mode: ProxyMode): CcrDecision {
  const tools = shape.tools;
  if (mode !== 'cache' || !tools || tools.items.length === 0) return { inject: false, clientHasTool: false };
  for (let i = 0; i < tools.items.length; i++) {
    if (isRetrievalName(toolName(shape, i))) return { inject: false, clientHasTool: true };
  }
  const { buf, root } = shape;
  if (shape.endpoint === 'chat') {
    const n = literalText(buf, root.keys.get('n'));
    if (n !== undefined && n !== '1' && n !== 'null') return { inject: false, clientHasTool: false };
  }
  if (shape.endpoint === 'responses') {
    if (!shape.messages) return { inject: false, clientHasTool: false };
    const storeOff = literalText(buf, root.keys.get('store')) === 'false';
    const include = root.keys.get('include');
    const encrypted =
      include?.kind === 'array' &&
      include.items.some(
        (it) =>
          it.kind === 'string' && buf.toString('utf8', it.start, it.end) === '"reasoning.encrypted_content"',
      );
    if (storeOff && !encrypted) return { inject: false, clientHasTool: false };
  }
  return { inject: true, clientHasTool: false };
}
