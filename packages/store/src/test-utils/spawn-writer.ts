import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./child-writer.ts', import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL('../../', import.meta.url));

export interface WriterArgs {
  url: string;
  home: string;
  label: string;
  count: number;
  bytes: number;
  flushEvery: number;
}

/** Runs `child-writer.ts` in its own Node process; resolves to the hashes it wrote once it exited 0. */
export function spawnWriter(args: WriterArgs): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@headroom/source', '--import', 'tsx', CHILD, JSON.stringify(args)],
      { cwd: PACKAGE_DIR, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve(JSON.parse(out) as string[]);
      else reject(new Error(`writer ${args.label} exited with ${code}:\n${err}`));
    });
  });
}
