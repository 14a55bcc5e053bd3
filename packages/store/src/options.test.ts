import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveStoreOptions } from './options.js';
import { parseDuration, parseSize } from './units.js';

afterEach(() => vi.unstubAllEnvs());

describe('store options', () => {
  it('defaults the TTL per role; HEADROOM_CCR_TTL overrides the default, an explicit ttlMs wins', () => {
    vi.stubEnv('HEADROOM_CCR_TTL', '');
    expect(resolveStoreOptions().ttlMs).toBe(24 * 3_600_000);
    expect(resolveStoreOptions({ role: 'cli' }).ttlMs).toBe(7 * 24 * 3_600_000);
    vi.stubEnv('HEADROOM_CCR_TTL', '90m');
    expect(resolveStoreOptions({ role: 'mcp' }).ttlMs).toBe(90 * 60_000);
    expect(resolveStoreOptions({ ttlMs: 5000 }).ttlMs).toBe(5000);
    vi.stubEnv('HEADROOM_CCR_TTL', '7 days');
    expect(() => resolveStoreOptions()).toThrow(/HEADROOM_CCR_TTL: "7 days" is not a duration/);
  });

  it('reads HEADROOM_STORE_MAX_BYTES and the documented defaults', () => {
    vi.stubEnv('HEADROOM_STORE_MAX_BYTES', '512MiB');
    const o = resolveStoreOptions();
    expect(o.sqlite.maxBytes).toBe(512 * 1024 * 1024);
    expect(o).toMatchObject({
      maxLifetimeMs: 30 * 86_400_000,
      refreshIntervalMs: 300_000,
      maxEntryBytes: 16 * 1024 * 1024,
      memory: { maxEntries: 5000, maxBytes: 256 * 1024 * 1024 },
      l1Bytes: 64 * 1024 * 1024,
      writeBack: { maxEntries: 10_000, maxBytes: 64 * 1024 * 1024 },
      redis: { keyPrefix: 'headroom:v1:', hotTimeoutMs: 250, coldTimeoutMs: 2000 },
      probeIntervalMs: 5000,
    });
  });

  it('names every bad field', () => {
    expect(() => resolveStoreOptions({ l1Bytes: -1, redis: { hotTimeoutMs: 'x' } } as never)).toThrow(
      /Invalid store config: l1Bytes: .*; redis\.hotTimeoutMs: /,
    );
    expect(() => resolveStoreOptions({ bogus: 1 } as never)).toThrow(/bogus: unrecognized key/);
  });

  it('parses durations and sizes', () => {
    expect([parseDuration('500ms', 'x'), parseDuration('30s', 'x'), parseDuration('7d', 'x')]).toEqual([
      500, 30_000, 604_800_000,
    ]);
    expect([parseSize('2147483648', 'x'), parseSize('64KiB', 'x'), parseSize('2g', 'x')]).toEqual([
      2 ** 31,
      65_536,
      2 ** 31,
    ]);
    expect(() => parseSize('12 parsecs', 'HEADROOM_STORE_MAX_BYTES')).toThrow(
      /HEADROOM_STORE_MAX_BYTES: "12 parsecs"/,
    );
    expect(() => parseDuration('0s', 'x')).toThrow(/not a duration/);
  });
});
