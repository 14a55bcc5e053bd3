/** `@headroom/proxy/testing`: mock upstreams and response builders for the proxy's and the CLI's tests. */
export * from './fixtures.js';
export * from './mock-upstream.js';
