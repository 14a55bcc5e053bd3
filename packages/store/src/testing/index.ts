/**
 * `@headroom/store/testing`: the store contract suite and real-component helpers for other
 * packages' tests (the proxy's and the CLI's round trips on sqlite and redis). Needs vitest and
 * fast-check, as optional peer dependencies.
 */
export {
  ccrPut,
  describeStoreContract,
  type StoreContractCapabilities,
  type StoreContractHarness,
} from './contract.js';
export { corpusSizes, corpusText } from './corpus.js';
export { collectingLogger, fakeClock, flipByte } from './helpers.js';
export {
  REDIS_SKIP_MESSAGE,
  type RedisServer,
  redisServerAvailable,
  startRedisServer,
} from './redis-server.js';
export { describeWithRedis } from './redis-suite.js';
