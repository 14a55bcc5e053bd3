import { Agent, type Dispatcher, EnvHttpProxyAgent } from 'undici';

export interface AgentOptions {
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
}

/**
 * One HTTP/1.1 keep-alive pool for every upstream (proxy.md §1): no h2, 256 connections per origin.
 * With `HTTPS_PROXY`/`HTTP_PROXY` set it becomes an `EnvHttpProxyAgent`, which honours `NO_PROXY`.
 */
export function createUpstreamAgent(o: AgentOptions): Dispatcher {
  const options = {
    connections: 256,
    pipelining: 1,
    keepAliveTimeout: 30_000,
    connectTimeout: o.connectTimeoutMs,
    headersTimeout: o.headersTimeoutMs,
    bodyTimeout: o.bodyTimeoutMs,
    connect: { timeout: o.connectTimeoutMs },
  };
  const env = process.env;
  if (env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy) {
    return new EnvHttpProxyAgent({
      ...options,
      noProxy: `${env.NO_PROXY ?? env.no_proxy ?? ''},localhost,127.0.0.1,::1`,
    });
  }
  return new Agent(options);
}
