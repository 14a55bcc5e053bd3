import { homedir } from 'node:os';
import { join } from 'node:path';
import { CcrConfig, parseConfig } from '@headroom/core';
import { z } from 'zod';
import type { StoreLogger } from './types.js';
import { parseDuration, parseSize } from './units.js';

const MIB = 1024 * 1024;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const positiveInt = z.number().int().positive();
const nonNegativeInt = z.number().int().nonnegative();

/** Which process opened the store: it decides the default TTL and the TOIN instance-id file. */
export const StoreRole = z.enum(['proxy', 'cli', 'mcp']);
export type StoreRole = z.output<typeof StoreRole>;

/** Default sliding TTL per role: CLI and MCP users hold only the compressed text, so theirs is longer. */
const ROLE_TTL_MS: Record<StoreRole, number> = { proxy: DAY, cli: 7 * DAY, mcp: 7 * DAY };

/** `HEADROOM_HOME` (an empty value counts as unset), else `~/.headroom`; read per call. */
export function headroomHome(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.HEADROOM_HOME;
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : join(homedir(), '.headroom');
}

const sqliteMaxBytes = () => {
  const fromEnv = process.env.HEADROOM_STORE_MAX_BYTES;
  return fromEnv ? parseSize(fromEnv, 'HEADROOM_STORE_MAX_BYTES') : 2 * 1024 * MIB;
};

export const StoreOptions = z
  .object({
    role: StoreRole.default('proxy'),
    /** Sliding TTL; unset → `HEADROOM_CCR_TTL`, else the role's default (24 h proxy, 7 d CLI and MCP). */
    ttlMs: positiveInt.optional(),
    /** Ceiling: an entry never outlives `createdAt + maxLifetimeMs`, however often it is refreshed. */
    maxLifetimeMs: positiveInt.default(30 * DAY),
    /** Backend refreshes of one key are throttled to one per interval (the L1 remembers the last). */
    refreshIntervalMs: nonNegativeInt.default(5 * MINUTE),
    /** Bigger originals are refused (`STORE_UNAVAILABLE`, `entry_too_large`): that unit stays lossless. */
    maxEntryBytes: positiveInt.default(16 * MIB),
    /** The memory backend's caps, counting originals and memo outputs together (core's `CcrConfig`). */
    memory: CcrConfig.pick({ maxEntries: true, maxBytes: true }).prefault({}),
    sqlite: z
      .object({
        /** Over this, rows are evicted down to 90 %: expired first, then least recently used. */
        maxBytes: positiveInt.default(sqliteMaxBytes),
        sweepIntervalMs: positiveInt.default(MINUTE),
        busyTimeoutMs: nonNegativeInt.default(5000),
      })
      .strict()
      .prefault({}),
    /** In-process cache of recent originals and memo entries in front of sqlite and redis; 0 disables. */
    l1Bytes: nonNegativeInt.default(64 * MIB),
    /** Memo writes made while the backend is down, replayed (first writer wins) on recovery. */
    writeBack: z
      .object({ maxEntries: positiveInt.default(10_000), maxBytes: positiveInt.default(64 * MIB) })
      .strict()
      .prefault({}),
    redis: z
      .object({
        keyPrefix: z.string().default('headroom:v1:'),
        /** Per call on the request path (puts, gets, memo); grows with the bytes of a batch. */
        hotTimeoutMs: positiveInt.default(250),
        /** TOIN, stats, connecting. */
        coldTimeoutMs: positiveInt.default(2000),
      })
      .strict()
      .prefault({}),
    /** While not `up`, a probe runs this often; success restores `up`. */
    probeIntervalMs: positiveInt.default(5000),
    /** Holds `instance-id.<role>`; default `HEADROOM_HOME`. */
    home: z.string().min(1).optional(),
    /** TOIN record key of this instance (16 hex); default read from (or created in) `home`. */
    instanceId: z
      .string()
      .regex(/^[0-9a-f]{16}$/)
      .optional(),
    now: z.custom<() => number>((v) => typeof v === 'function').optional(),
    logger: z
      .custom<StoreLogger>((v) => typeof (v as StoreLogger | undefined)?.warn === 'function')
      .optional(),
  })
  .strict();
export type StoreOptionsInput = z.input<typeof StoreOptions>;

export interface ResolvedStoreOptions extends Omit<z.output<typeof StoreOptions>, 'now' | 'logger' | 'home'> {
  ttlMs: number;
  home: string;
  now: () => number;
  logger: StoreLogger;
}

/** Logs to stderr only: stdout may carry a protocol (the MCP server's). */
export const stderrLogger: StoreLogger = {
  warn: (message) => process.stderr.write(`headroom store: ${message}\n`),
  info: (message) => process.stderr.write(`headroom store: ${message}\n`),
};

/** Parses options (throws `INVALID_CONFIG` naming each bad field) and fills env-dependent defaults. */
export function resolveStoreOptions(input?: StoreOptionsInput): ResolvedStoreOptions {
  const o = parseConfig(StoreOptions, input, 'store');
  const fromEnv = process.env.HEADROOM_CCR_TTL;
  const ttlMs = o.ttlMs ?? (fromEnv ? parseDuration(fromEnv, 'HEADROOM_CCR_TTL') : ROLE_TTL_MS[o.role]);
  return {
    ...o,
    ttlMs,
    home: o.home ?? headroomHome(),
    now: o.now ?? Date.now,
    logger: o.logger ?? stderrLogger,
  };
}
