import { isHeadroomError } from '@headroom/core';
import { CliError, EXIT } from './errors.js';

/** `headroom: <message>` (+ `hint: …`) on stderr; the stack only with --verbose. Returns the exit code. */
export function reportError(error: unknown, verbose: boolean): number {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`headroom: ${message.split('\n', 1)[0]}\n`);
  if (error instanceof CliError && error.hint) process.stderr.write(`hint: ${error.hint}\n`);
  if (verbose && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  if (error instanceof CliError) return error.exitCode;
  if (isHeadroomError(error, 'INVALID_CONFIG')) return EXIT.usage;
  return EXIT.failure;
}
