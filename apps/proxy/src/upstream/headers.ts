/** Request/response header filtering (proxy.md §4). Values are kept as received (latin1 round-trips). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

export interface HeadroomRequestHeaders {
  mode?: string;
  bypass: boolean;
  sessionId?: string;
  proxyToken?: string;
}

/** `x-headroom-*` values the proxy reads before stripping them. */
export function readHeadroomHeaders(raw: readonly string[]): HeadroomRequestHeaders {
  const out: HeadroomRequestHeaders = { bypass: false };
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    const value = raw[i + 1]!;
    if (name === 'x-headroom-mode') out.mode = value.trim().toLowerCase();
    else if (name === 'x-headroom-bypass') out.bypass = value.trim().toLowerCase() === 'true';
    else if (name === 'x-headroom-session-id') out.sessionId = value;
    else if (name === 'x-headroom-proxy-token') out.proxyToken = value;
  }
  return out;
}

function connectionNamed(raw: readonly string[]): Set<string> {
  const named = new Set<string>();
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i]!.toLowerCase() === 'connection') {
      for (const t of raw[i + 1]!.split(',')) named.add(t.trim().toLowerCase());
    }
  }
  return named;
}

export interface ForwardHeaderOptions {
  host: string;
  /** Set when the body changed (or was buffered); undefined keeps the client's. */
  contentLength?: number;
  identityEncoding: boolean;
}

/** The client's headers in order and case, minus hop-by-hop and `x-headroom-*`, with `host` rewritten. */
export function forwardHeaders(raw: readonly string[], opts: ForwardHeaderOptions): string[] {
  const named = connectionNamed(raw);
  const out: string[] = [];
  let hostSet = false;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower) || named.has(lower) || lower.startsWith('x-headroom-')) continue;
    if (lower === 'host') {
      if (!hostSet) out.push(name, opts.host);
      hostSet = true;
      continue;
    }
    if (lower === 'content-length' && opts.contentLength !== undefined) continue;
    if (lower === 'accept-encoding' && opts.identityEncoding) continue;
    out.push(name, raw[i + 1]!);
  }
  if (!hostSet) out.push('host', opts.host);
  if (opts.contentLength !== undefined) out.push('content-length', String(opts.contentLength));
  if (opts.identityEncoding) out.push('accept-encoding', 'identity');
  return out;
}

/** Upstream response headers minus hop-by-hop ones, as a flat list for `writeHead`. */
export function responseHeaders(
  headers: Record<string, string | string[] | undefined>,
  drop: readonly string[] = [],
): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || drop.includes(name)) continue;
    if (Array.isArray(value)) for (const v of value) out.push(name, v);
    else out.push(name, value);
  }
  return out;
}
