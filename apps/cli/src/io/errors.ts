import { HeadroomError, type HeadroomErrorCode } from '@headroom/core';

import { EXIT } from './exit.js';

export { EXIT };

/** An error the CLI reports as one `headroom: <message>` line (plus an optional hint) and an exit code. */
export class CliError extends HeadroomError {
  readonly exitCode: number;
  readonly hint: string | undefined;

  constructor(
    message: string,
    opts: { exitCode?: number; hint?: string; code?: HeadroomErrorCode; cause?: unknown } = {},
  ) {
    super(opts.code ?? 'INTERNAL', message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'CliError';
    this.exitCode = opts.exitCode ?? EXIT.failure;
    this.hint = opts.hint;
  }
}

export function usageError(message: string, hint?: string): CliError {
  return new CliError(message, { exitCode: EXIT.usage, ...(hint ? { hint } : {}) });
}

/** The first line of any thrown value's message. */
export function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n', 1)[0] ?? text;
}
