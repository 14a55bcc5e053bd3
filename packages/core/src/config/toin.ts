import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { positiveInt, ratio } from './shared.js';

export const ToinBackendKind = z.enum(['memory', 'file']);
export type ToinBackendKind = z.output<typeof ToinBackendKind>;

/** `HEADROOM_TOIN_PATH` (an empty value counts as unset), else `~/.headroom/toin.json`; read per parse. */
export function defaultToinStoragePath(): string {
  const fromEnv = process.env.HEADROOM_TOIN_PATH;
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : join(homedir(), '.headroom', 'toin.json');
}

export const ToinConfig = z
  .object({
    // false ⇒ records are dropped, advise returns undefined.
    enabled: z.boolean().default(true),
    // A library should not write to the home directory unasked; the proxy and CLI configure 'file'.
    backend: ToinBackendKind.default('memory'),
    // A default function, so the environment is read at parse time, not at import.
    storagePath: z.string().min(1).default(defaultToinStoragePath),
    // Unref'd timer, only when dirty.
    autoSaveIntervalSeconds: positiveInt.default(600),
    // Advice refresh cadence.
    snapshotIntervalSeconds: positiveInt.default(600),
    minSamplesForRecommendation: positiveInt.default(10),
    minUsersForNetworkEffect: positiveInt.default(3),
    highRetrievalThreshold: ratio.default(0.5),
    mediumRetrievalThreshold: ratio.default(0.2),
    fullRetrievalSkipThreshold: ratio.default(0.8),
    // LRU by last update.
    maxPatterns: positiveInt.default(10000),
    maxFieldsPerPattern: positiveInt.default(100),
    // Default tenant key; pattern key = tenant + ':' + signature.
    tenant: z.string().min(1).default('default'),
  })
  .strict();
export type ToinConfig = z.output<typeof ToinConfig>;
export type ToinConfigInput = z.input<typeof ToinConfig>;
