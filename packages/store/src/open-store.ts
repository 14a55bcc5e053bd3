import { lazyInstanceId, randomInstanceId, readOrCreateInstanceId } from './instance-id.js';
import { MemoryBackend } from './memory/memory-backend.js';
import { resolveStoreOptions, type StoreOptionsInput } from './options.js';
import { RedisBackend } from './redis/redis-backend.js';
import { SqliteBackend } from './sqlite/sqlite-backend.js';
import { TieredStore } from './tiered-store.js';
import type { HeadroomStore } from './types.js';
import { parseStoreUrl, redactStoreUrl } from './url.js';

/**
 * Opens the store a URL names (`memory`, `sqlite:PATH`, `redis://HOST:PORT/DB`). Rejects only for
 * a bad URL or bad options (`INVALID_CONFIG`); a backend that cannot be reached leaves the store
 * `down` and probing, so the proxy still starts and compresses lossless-only until it recovers.
 */
export async function openStore(url: string, opts?: StoreOptionsInput): Promise<HeadroomStore> {
  const target = parseStoreUrl(url);
  const options = resolveStoreOptions(opts);
  const redacted = redactStoreUrl(url.trim());
  const fileId = () => options.instanceId ?? readOrCreateInstanceId(options.home, options.role);
  const base = { url: redacted, options };

  if (target.kind === 'memory') {
    const backend = new MemoryBackend(options.memory);
    const instanceId = lazyInstanceId(() => options.instanceId ?? randomInstanceId());
    return new TieredStore({ ...base, kind: 'memory', backend, l1: false, instanceId });
  }

  if (target.kind === 'sqlite') {
    const backend = new SqliteBackend({
      path: target.path,
      maxBytes: options.sqlite.maxBytes,
      busyTimeoutMs: options.sqlite.busyTimeoutMs,
      logger: options.logger,
    });
    const store = new TieredStore({
      ...base,
      kind: 'sqlite',
      backend,
      l1: true,
      instanceId: lazyInstanceId(fileId),
    });
    try {
      backend.open();
    } catch (error) {
      store.markDown(error);
    }
    return store;
  }

  let store: TieredStore | undefined;
  const backend = new RedisBackend(target, {
    ...options.redis,
    onStatus: (status, error) => {
      if (status === 'lost') store?.markDown(error);
      else void store?.probe();
    },
  });
  store = new TieredStore({ ...base, kind: 'redis', backend, l1: true, instanceId: lazyInstanceId(fileId) });
  try {
    await backend.ready();
  } catch (error) {
    store.markDown(error);
  }
  return store;
}
