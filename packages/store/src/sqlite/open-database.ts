import { closeSync, existsSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { StoreLogger } from '../types.js';
import { makeDirs } from './make-dirs.js';
import { migrate } from './schema.js';

const CORRUPT_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB']);

function sqliteCode(error: unknown): string | undefined {
  return (error as { code?: unknown } | null)?.code as string | undefined;
}

/** Creates the directory (0700) and an empty file (0600) first: originals are user data. */
function prepareFile(path: string): void {
  makeDirs(dirname(path), 0o700);
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
}

function configure(db: Database.Database): void {
  // Only takes effect on a file without tables, i.e. at creation.
  db.pragma('auto_vacuum = INCREMENTAL');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('temp_store = MEMORY');
  db.pragma('mmap_size = 268435456');
  migrate(db);
}

function openConfigured(path: string, busyTimeoutMs: number): Database.Database {
  prepareFile(path);
  const db = new Database(path, { timeout: busyTimeoutMs });
  try {
    configure(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Opens (creating if needed) the store file in WAL mode and migrates it. A file that is not a
 * database, or a corrupt one, is moved aside as `<path>.corrupt-<ms>` and replaced by a fresh one:
 * clients still hold every original, so starting empty loses nothing they need. Any other error
 * (permissions, a missing disk) is thrown, and the store starts down.
 */
export function openDatabase(path: string, busyTimeoutMs: number, logger: StoreLogger): Database.Database {
  try {
    return openConfigured(path, busyTimeoutMs);
  } catch (error) {
    if (!CORRUPT_CODES.has(sqliteCode(error) ?? '')) throw error;
    const aside = `${path}.corrupt-${Date.now()}`;
    renameSync(path, aside);
    for (const suffix of ['-wal', '-shm']) rmSync(path + suffix, { force: true });
    logger.warn(
      `${path} is not a usable database (${sqliteCode(error)}); moved it to ${aside}, starting empty`,
    );
    return openConfigured(path, busyTimeoutMs);
  }
}
