export const HEADROOM_ERROR_CODES = [
  'INVALID_CONFIG',
  'MIXED_FORMAT',
  'UNSUPPORTED_FORMAT',
  'PARSE_FAILED',
  'TOKENIZER_UNAVAILABLE',
  'CCR_NOT_FOUND',
  'CCR_COLLISION',
  'STORE_UNAVAILABLE',
  'GRAMMAR_UNAVAILABLE',
  'MODEL_UNAVAILABLE',
  'TIMEOUT',
  'ABORTED',
  'PAIR_INVARIANT',
  'ASYNC_TRANSFORM',
  'INTERNAL',
] as const;

export type HeadroomErrorCode = (typeof HEADROOM_ERROR_CODES)[number];

/** The one error class of Headroom. Request paths never let it escape; constructors may. */
export class HeadroomError extends Error {
  readonly code: HeadroomErrorCode;

  constructor(code: HeadroomErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HeadroomError';
    this.code = code;
  }
}

export function isHeadroomError(error: unknown, code?: HeadroomErrorCode): error is HeadroomError {
  return error instanceof HeadroomError && (code === undefined || error.code === code);
}

/** The code of any thrown value: a HeadroomError's own, `INTERNAL` for everything else. */
export function errorCode(error: unknown): HeadroomErrorCode {
  return error instanceof HeadroomError ? error.code : 'INTERNAL';
}

/**
 * The guard every transform uses: run `fn`; on a throw, report it and return `fallback`.
 * Works for sync and async `fn` alike (a rejected promise falls back too).
 */
export function failOpen<T>(fn: () => T, fallback: T, onError?: (error: unknown) => void): T;
export function failOpen<T>(
  fn: () => Promise<T>,
  fallback: T,
  onError?: (error: unknown) => void,
): Promise<T>;
export function failOpen<T>(
  fn: () => T | Promise<T>,
  fallback: T,
  onError?: (error: unknown) => void,
): T | Promise<T> {
  try {
    const out = fn();
    if (out instanceof Promise) {
      return out.catch((error: unknown) => {
        onError?.(error);
        return fallback;
      });
    }
    return out;
  } catch (error) {
    onError?.(error);
    return fallback;
  }
}
