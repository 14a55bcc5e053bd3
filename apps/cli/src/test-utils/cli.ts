import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI_DIR = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = join(CLI_DIR, 'dist', 'bin.js');
const PROXY_DIR = join(CLI_DIR, '..', 'proxy');

/**
 * The e2e suites run the built CLI, as users do. Builds it (and the proxy it imports) once per
 * run; `flock` serializes the test files that call this at the same time.
 */
export function ensureBuilt(): void {
  if (isFresh()) return;
  const lock = join(tmpdir(), 'headroom-cli-build.lock');
  const tsc = join(CLI_DIR, '..', '..', 'node_modules', '.bin', 'tsc');
  const script = [
    `[ -f ${PROXY_DIR}/dist/index.js ] || pnpm --dir ${PROXY_DIR} -s build`,
    `${tsc} -p ${CLI_DIR}/tsconfig.build.json`,
  ].join(' && ');
  execFileSync('flock', [lock, 'sh', '-c', script], { stdio: 'inherit' });
  if (!existsSync(BIN)) throw new Error(`build did not produce ${BIN}`);
}

/** dist/bin.js newer than every source file (the workspace build ran), and the proxy built. */
function isFresh(): boolean {
  if (!existsSync(BIN) || !existsSync(join(PROXY_DIR, 'dist', 'index.js'))) return false;
  const built = statSync(BIN).mtimeMs;
  const sources = readdirSync(join(CLI_DIR, 'src'), { recursive: true, encoding: 'utf8' });
  return sources.every(
    (f) => !f.endsWith('.ts') || f.endsWith('.test.ts') || statSync(join(CLI_DIR, 'src', f)).mtimeMs <= built,
  );
}

export interface RunResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  input?: string | Buffer;
  cwd?: string;
  timeoutMs?: number;
}

/** Runs `node dist/bin.js ...args` and collects its raw stdout, stderr and exit code. */
export function runCli(args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      {
        env: { ...process.env, CI: '', HEADROOM_FORCE_TTY: '', ...opts.env },
        cwd: opts.cwd ?? CLI_DIR,
        encoding: 'buffer',
        maxBuffer: 64 * 1024 * 1024,
        timeout: opts.timeoutMs ?? 60_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr: stderr.toString('utf8') });
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
    else child.stdin?.end();
  });
}

/** A temporary HEADROOM_HOME and store; `env` points the CLI at them. */
export function tempHome(): { dir: string; env: NodeJS.ProcessEnv; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-cli-test-'));
  return {
    dir,
    env: { HEADROOM_HOME: dir, HEADROOM_STORE: `sqlite:${join(dir, 's.db')}`, HOME: dir, HEADROOM_PORT: '1' },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
