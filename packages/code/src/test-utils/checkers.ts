import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CheckFailure {
  name: string;
  message: string;
}

/** Writes each source to a fresh temp dir and compiles them all with one `python3 -m py_compile`-like run. */
export function pyCompile(sources: readonly { name: string; code: string }[]): CheckFailure[] {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-code-py-'));
  try {
    const paths = sources.map((s, i) => {
      const path = join(dir, `m${i}.py`);
      writeFileSync(path, s.code);
      return path;
    });
    const script =
      'import sys, py_compile\nfor i, p in enumerate(sys.argv[1:]):\n    try:\n        py_compile.compile(p, doraise=True)\n    except py_compile.PyCompileError as e:\n        print(f"{i}\\t{e.msg!r}")';
    const run = spawnSync('python3', ['-c', script, ...paths], { encoding: 'utf8' });
    if (run.status !== 0) return [{ name: '(python3)', message: run.stderr }];
    return run.stdout
      .split('\n')
      .filter((l) => l.length > 0)
      .map((l) => {
        const [i, message] = l.split('\t');
        return { name: sources[Number(i)]!.name, message: message ?? '' };
      });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `node --check` on each source, as an ES module or a CommonJS script, a few processes at a time. */
export async function nodeCheck(
  sources: readonly { name: string; code: string; module: boolean }[],
): Promise<CheckFailure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-code-js-'));
  try {
    const failures: CheckFailure[] = [];
    const check = (s: (typeof sources)[number], i: number) =>
      new Promise<void>((resolve) => {
        const path = join(dir, `m${i}.${s.module ? 'mjs' : 'cjs'}`);
        writeFileSync(path, s.code);
        execFile(process.execPath, ['--check', path], (error, _stdout, stderr) => {
          if (error) failures.push({ name: s.name, message: stderr.slice(0, 500) });
          resolve();
        });
      });
    for (let i = 0; i < sources.length; i += 4) {
      await Promise.all(sources.slice(i, i + 4).map((s, k) => check(s, i + k)));
    }
    return failures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
