export { StoreTimeoutError, StoreUnavailableError, type UnavailableDetail } from './errors.js';
export { COUNTER_NAMES, summarizeLedger, utcDay } from './ledger.js';
export { openStore } from './open-store.js';
export {
  headroomHome,
  type ResolvedStoreOptions,
  resolveStoreOptions,
  StoreOptions,
  type StoreOptionsInput,
  StoreRole,
} from './options.js';
export type * from './types.js';
export { parseDuration, parseSize } from './units.js';
export { parseStoreUrl, type RedisTarget, redactStoreUrl, resolveStoreUrl, type StoreTarget } from './url.js';
