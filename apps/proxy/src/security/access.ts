import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const LOOPBACK_ADDR = /^(127\.|::1$|::ffff:127\.)/;
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function isLoopbackSocket(req: IncomingMessage): boolean {
  return LOOPBACK_ADDR.test(req.socket.remoteAddress ?? '');
}

/** `Host` without its port. */
function hostName(host: string | undefined): string {
  if (!host) return '';
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.indexOf(':');
  return (colon === -1 ? host : host.slice(0, colon)).toLowerCase();
}

/**
 * Local-only routes (`/stats`, `/dashboard`, `/v1/compress`, …) need a loopback socket, a local
 * `Host` (DNS-rebinding defence) and no foreign `Origin` (proxy.md §11).
 */
export function isLocalRequest(req: IncomingMessage): boolean {
  if (!isLoopbackSocket(req)) return false;
  if (!LOCAL_HOSTS.has(hostName(req.headers.host))) return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return LOCAL_HOSTS.has(hostName(new URL(origin).host));
  } catch {
    return false;
  }
}

/** Constant-time token comparison. */
export function tokenMatches(expected: string | undefined, given: string | undefined): boolean {
  if (!expected || given === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export const LOCAL_ROUTES = [
  /^\/v1\/compress$/,
  /^\/v1\/retrieve\//,
  /^\/stats$/,
  /^\/metrics$/,
  /^\/dashboard/,
  /^\/admin\//,
];

export function isLocalRoute(path: string): boolean {
  return LOCAL_ROUTES.some((re) => re.test(path));
}
