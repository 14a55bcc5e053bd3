import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ToinBackend, ToinExport } from '@headroom/core';
import { type DecodeLimits, decodeState } from './codec.js';
import { processWarning, type WarningSink } from './warnings.js';

export interface FileToinBackendOptions {
  onWarning?: WarningSink;
  now?: () => number;
  /** The reader's bounds (a `Toin` passes its own); unbounded by default. */
  limits?: DecodeLimits;
}

const UNBOUNDED: DecodeLimits = {
  maxFields: Number.POSITIVE_INFINITY,
  maxPatterns: Number.POSITIVE_INFINITY,
};

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException)?.code === 'ENOENT';
const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * One JSON file. Writes are atomic (a uniquely named temp file, fsync, rename), so a crash or two
 * processes saving at once leave one complete state, never a torn one (the last rename wins).
 * A corrupt or truncated file is moved aside as `<name>.corrupt-<ms>`; a file written by a newer
 * format version is left untouched and never saved over.
 */
export class FileToinBackend implements ToinBackend {
  readonly path: string;
  private readonly warn: WarningSink;
  private readonly now: () => number;
  private readonly limits: DecodeLimits;
  /** Why saving is off (a newer version owns the file). */
  private refusal: string | undefined;
  private refusalReported = false;
  /** Saves run one after another, so an older state can never land after a newer one. */
  private queue: Promise<void> = Promise.resolve();

  constructor(path: string, options: FileToinBackendOptions = {}) {
    this.path = path;
    this.warn = options.onWarning ?? processWarning;
    this.now = options.now ?? Date.now;
    this.limits = options.limits ?? UNBOUNDED;
  }

  async load(): Promise<ToinExport | undefined> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if (!isMissing(error))
        this.warn({
          code: 'load_failed',
          message: `TOIN: cannot read ${this.path} (${describe(error)}); starting empty`,
        });
      return undefined;
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      await this.moveAside('not valid JSON: truncated or corrupt');
      return undefined;
    }
    const decoded = decodeState(data, {
      maxFields: Number.POSITIVE_INFINITY,
      maxPatterns: Number.POSITIVE_INFINITY,
    });
    if (decoded.ok) return data as ToinExport;
    if (decoded.reason === 'newer_version') {
      this.refusal = `${this.path} holds ${decoded.detail}`;
      this.warn({
        code: 'newer_version',
        message: `TOIN: ${this.refusal}; left untouched and not saved over; starting empty`,
      });
      return undefined;
    }
    await this.moveAside(decoded.detail);
    return undefined;
  }

  save(data: ToinExport): Promise<void> {
    const run = this.queue.then(() => this.write(data));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async write(data: ToinExport): Promise<void> {
    if (this.refusal !== undefined) {
      if (!this.refusalReported)
        this.warn({ code: 'newer_version', message: `TOIN: not saving: ${this.refusal}` });
      this.refusalReported = true;
      return;
    }
    const text = JSON.stringify(data);
    await mkdir(dirname(this.path), { recursive: true });
    const temp = `${this.path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      const file = await open(temp, 'w', 0o600);
      try {
        await file.writeFile(text, 'utf8');
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temp, this.path);
    } catch (error) {
      await rm(temp, { force: true }).catch(() => undefined);
      throw error;
    }
  }

  private async moveAside(reason: string): Promise<void> {
    const aside = `${this.path}.corrupt-${this.now()}`;
    try {
      await rename(this.path, aside);
      this.warn({
        code: 'corrupt_state',
        message: `TOIN: ${this.path} is unusable (${reason}); moved to ${aside}; starting empty`,
      });
    } catch (error) {
      this.warn({
        code: 'corrupt_state',
        message: `TOIN: ${this.path} is unusable (${reason}) and could not be moved aside (${describe(error)}); starting empty`,
      });
    }
  }
}
