import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ID_RE = /^[0-9a-f]{16}$/;

export function randomInstanceId(): string {
  return randomBytes(8).toString('hex');
}

/**
 * This process's TOIN record key, kept in `<home>/instance-id.<role>` so that a restart reuses it
 * and each fleet member (each with its own home) has its own. Created on first use, 0600.
 */
export function readOrCreateInstanceId(home: string, role: string): string {
  const path = join(home, `instance-id.${role}`);
  const read = () => {
    try {
      const id = readFileSync(path, 'utf8').trim();
      return ID_RE.test(id) ? id : undefined;
    } catch {
      return undefined;
    }
  };
  const existing = read();
  if (existing) return existing;
  mkdirSync(home, { recursive: true, mode: 0o700 });
  const id = randomInstanceId();
  try {
    writeFileSync(path, `${id}\n`, { mode: 0o600, flag: 'wx' });
    return id;
  } catch {
    // Another process created it first (or the file is unreadable garbage): its id wins if valid.
    const winner = read();
    if (winner) return winner;
    writeFileSync(path, `${id}\n`, { mode: 0o600 });
    return id;
  }
}

/** Resolves the id once, on first use, so a store that never touches TOIN never writes a file. */
export function lazyInstanceId(resolve: () => string): () => string {
  let id: string | undefined;
  return () => {
    id ??= resolve();
    return id;
  };
}
