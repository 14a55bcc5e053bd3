import type { RequestShape } from '../body/request-shape.js';
import type { ProxyContext } from '../context.js';
import { readAll } from '../handlers/read-body.js';
import { dispatch } from '../upstream/dispatch.js';
import { forwardHeaders } from '../upstream/headers.js';

/** The `/v1/messages` fields `count_tokens` accepts; anything else (max_tokens, stream, …) it rejects. */
const COUNTED_KEYS = ['model', 'system', 'messages', 'tools', 'tool_choice', 'thinking', 'mcp_servers'];
const TIMEOUT_MS = 10_000;

/** A `count_tokens` body with the request's counted fields, copied byte for byte. */
export function countTokensBody(shape: RequestShape): Buffer {
  const parts: Buffer[] = [];
  for (const key of COUNTED_KEYS) {
    const node = shape.root.keys.get(key);
    if (!node) continue;
    parts.push(Buffer.from(`${parts.length > 0 ? ',' : ''}${JSON.stringify(key)}:`));
    parts.push(shape.buf.subarray(node.start, node.end));
  }
  return Buffer.concat([Buffer.from('{'), ...parts, Buffer.from('}')]);
}

/**
 * `exactClaudeSavings` (proxy.md §12): Anthropic's own count of the client's original body, from the
 * free `/v1/messages/count_tokens` with the client's headers, so the "before" side of the savings is
 * measured rather than calibrated. Spends the user's key (rate limits), hence off by default and
 * sampled. Any failure is undefined: the calibrated estimate stands.
 */
export async function measureClaudeInput(
  ctx: ProxyContext,
  rawHeaders: readonly string[],
  shape: RequestShape,
): Promise<number | undefined> {
  try {
    const upstream = ctx.upstreams.anthropic;
    const body = countTokensBody(shape);
    const r = await dispatch(ctx.agent, {
      upstream,
      method: 'POST',
      url: '/v1/messages/count_tokens',
      headers: forwardHeaders(rawHeaders, {
        host: upstream.host,
        contentLength: body.length,
        identityEncoding: true,
      }),
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = (await readAll(r.body)).toString('utf8');
    if (r.statusCode !== 200) return undefined;
    const n = (JSON.parse(text) as { input_tokens?: unknown }).input_tokens;
    return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : undefined;
  } catch {
    return undefined;
  }
}
