import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * `mkdir -p` that always terminates. Node's `mkdirSync(…, { recursive: true })` loops forever where
 * a parent exists but refuses children with ENOENT (procfs: `/proc/x/y`), so the missing levels are
 * created one by one from the deepest existing ancestor, and the first failure is thrown.
 */
export function makeDirs(path: string, mode: number): void {
  const missing: string[] = [];
  for (let dir = path; !exists(dir); dir = dirname(dir)) {
    missing.push(dir);
    if (dirname(dir) === dir) break;
  }
  for (const dir of missing.reverse()) mkdirSync(dir, { mode });
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
