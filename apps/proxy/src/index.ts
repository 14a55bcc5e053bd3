export { type Stats, StatsSchema } from './api-schemas.js';
export {
  isLoopbackHost,
  type ProxyConfig,
  type ProxyConfigInput,
  ProxyConfigSchema,
  ProxyMode,
  resolveProxyConfig,
} from './config.js';
export { createProxy, type ProxyDeps, type ProxyHandle, VERSION } from './server.js';
