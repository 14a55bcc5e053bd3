import { HeadroomError } from '@headroom/core';

/** Why a store operation could not run; every reason means "no store" to the caller, who fails open. */
export type UnavailableDetail =
  | 'down'
  | 'full'
  | 'closed'
  | 'timeout'
  | 'entry_too_large'
  | 'not_well_formed'
  | 'error';

/** `STORE_UNAVAILABLE` with a machine-readable `detail`. */
export class StoreUnavailableError extends HeadroomError {
  readonly detail: UnavailableDetail;

  constructor(detail: UnavailableDetail, message: string, options?: { cause?: unknown }) {
    super('STORE_UNAVAILABLE', `${detail}: ${message}`, options);
    this.detail = detail;
  }
}

/** A backend call that outlived its deadline; classified as `down`. */
export class StoreTimeoutError extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'StoreTimeoutError';
  }
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
