import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';

const FILES: Record<string, [string, string]> = {
  '/dashboard': ['index.html', 'text/html; charset=utf-8'],
  '/dashboard/': ['index.html', 'text/html; charset=utf-8'],
  '/dashboard/app.js': ['app.js', 'text/javascript; charset=utf-8'],
  '/dashboard/app.css': ['app.css', 'text/css; charset=utf-8'],
};

const cache = new Map<string, Buffer>();

function load(name: string): Buffer {
  let b = cache.get(name);
  if (!b) {
    b = readFileSync(new URL(`./static/${name}`, import.meta.url));
    cache.set(name, b);
  }
  return b;
}

/** Serves the static dashboard (local only) with a strict CSP; false when the path is not one of its files. */
export function serveDashboard(path: string, res: ServerResponse): boolean {
  const file = FILES[path];
  if (!file) return false;
  const body = load(file[0]);
  res.writeHead(200, {
    'content-type': file[1],
    'content-length': body.length,
    'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'",
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
  res.end(body);
  return true;
}
