import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HeadroomError } from '@headroom/core';

/** Header names whose values are credentials: written as `[redacted]`. */
const SECRET_HEADER = /authorization|api-key|token|secret|cookie|^x-headroom-/i;

/**
 * `--log-bodies DIR` (proxy.md §11), a debugging aid that is off by default: per request, the
 * client's body, the forwarded body when it differs, and the request headers with credentials
 * redacted, each a file of mode 0600. Writes are fire-and-forget; a failure never touches the
 * request.
 */
export class BodyLog {
  /** Throws `INVALID_CONFIG` (the CLI exits 2) when the directory cannot be created. */
  constructor(private readonly dir: string) {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
    } catch (error) {
      throw new HeadroomError(
        'INVALID_CONFIG',
        `log.bodiesDir: cannot create ${dir}: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }

  write(reqId: string, rawHeaders: readonly string[], request: Buffer, forwarded: Buffer): void {
    const base = join(this.dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${reqId}`);
    const headers: Array<[string, string]> = [];
    for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
      const name = rawHeaders[i]!;
      headers.push([name, SECRET_HEADER.test(name) ? '[redacted]' : rawHeaders[i + 1]!]);
    }
    const files: Array<[string, string | Buffer]> = [
      [`${base}.headers.json`, `${JSON.stringify(headers, null, 2)}\n`],
      [`${base}.request.json`, request],
    ];
    if (forwarded !== request && !forwarded.equals(request))
      files.push([`${base}.forwarded.json`, forwarded]);
    for (const [path, data] of files) void writeFile(path, data, { mode: 0o600 }).catch(() => undefined);
  }
}
