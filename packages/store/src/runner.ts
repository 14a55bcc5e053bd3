import type { Backend } from './backend.js';

/**
 * How the pieces of a store call their backend: `read`s may run while the store is `full`,
 * `write`s only while it is `up`. A failure updates health and rejects with `STORE_UNAVAILABLE`.
 */
export type Run = <T>(op: (backend: Backend) => Promise<T>, access: 'read' | 'write') => Promise<T>;
