import type { ServerResponse } from 'node:http';
import type { Provider } from './body/request-shape.js';

export type ProxyErrorCode =
  | 'request_too_large'
  | 'upstream_unreachable'
  | 'upstream_timeout'
  | 'overloaded'
  | 'unauthorized'
  | 'not_found'
  | 'bad_request';

const ANTHROPIC_TYPE: Record<ProxyErrorCode, string> = {
  request_too_large: 'request_too_large',
  upstream_unreachable: 'api_error',
  upstream_timeout: 'api_error',
  overloaded: 'overloaded_error',
  unauthorized: 'authentication_error',
  not_found: 'not_found_error',
  bad_request: 'invalid_request_error',
};

export const ERROR_STATUS: Record<ProxyErrorCode, number> = {
  request_too_large: 413,
  upstream_unreachable: 502,
  upstream_timeout: 504,
  overloaded: 529,
  unauthorized: 401,
  not_found: 404,
  bad_request: 400,
};

/** An error the proxy itself produced, in the provider's shape; the message never echoes header values. */
export function sendProxyError(
  res: ServerResponse,
  provider: Provider,
  code: ProxyErrorCode,
  message: string,
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  let status = ERROR_STATUS[code];
  if (code === 'overloaded' && provider === 'openai') status = 503;
  const body =
    provider === 'anthropic'
      ? { type: 'error', error: { type: ANTHROPIC_TYPE[code], message: `headroom: ${message}` } }
      : { error: { message: `headroom: ${message}`, type: 'server_error', param: null, code } };
  const bytes = Buffer.from(JSON.stringify(body));
  const headers: Record<string, string | number> = {
    'content-type': 'application/json',
    'content-length': bytes.length,
    'x-headroom-error': code,
  };
  if (code === 'overloaded') headers['retry-after'] = '1';
  res.writeHead(status, headers);
  res.end(bytes);
}
