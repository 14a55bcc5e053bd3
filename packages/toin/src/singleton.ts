import { configFingerprint, parseConfig, ToinConfig, type ToinConfigInput } from '@headroom/core';
import { Toin } from './toin.js';

let shared: { toin: Toin; fingerprint: string } | undefined;

/**
 * The process-wide TOIN (the seed's `get_toin()`): created by the first call with its config;
 * later calls get the same instance, and a different config only produces a warning.
 */
export function getToin(config?: ToinConfigInput): Toin {
  if (!shared) {
    const toin = new Toin(config);
    shared = { toin, fingerprint: configFingerprint(toin.config) };
    return shared.toin;
  }
  if (
    config !== undefined &&
    configFingerprint(parseConfig(ToinConfig, config, 'toin')) !== shared.fingerprint
  ) {
    process.emitWarning('getToin() called with a different config; the existing TOIN is returned', {
      type: 'HeadroomToinWarning',
      code: 'TOIN_CONFIG_MISMATCH',
    });
  }
  return shared.toin;
}

/** Closes (saves) the process-wide TOIN and forgets it; the next `getToin` creates a new one. */
export async function resetToin(): Promise<void> {
  const current = shared;
  shared = undefined;
  await current?.toin.close();
}
