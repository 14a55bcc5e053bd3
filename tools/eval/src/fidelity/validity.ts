import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Validity } from './case.js';

/** Runs a checker on `source` written to a private temp file; true when it exits 0. */
function checks(source: string, file: string, cmd: string, args: (path: string) => string[]): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-eval-'));
  try {
    const path = join(dir, file);
    writeFileSync(path, source);
    const r = spawnSync(cmd, args(path), {
      stdio: 'ignore',
      timeout: 30_000,
      env: { ...process.env, PYTHONPYCACHEPREFIX: join(dir, 'pycache') },
    });
    return r.status === 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Whether an output is still valid: JSON parses, JS passes `node --check`, Python compiles. */
export function isValid(text: string, kind: Validity): boolean | undefined {
  switch (kind) {
    case 'json':
      try {
        JSON.parse(text);
        return true;
      } catch {
        return false;
      }
    case 'javascript':
      return checks(text, 'case.mjs', process.execPath, (p) => ['--check', p]);
    case 'python':
      return checks(text, 'case.py', 'python3', (p) => ['-m', 'py_compile', p]);
    case 'none':
      return undefined;
  }
}
