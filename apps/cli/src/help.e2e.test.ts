import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI_DIR, ensureBuilt, runCli } from './test-utils/cli.js';

beforeAll(ensureBuilt, 120_000);

/** The flags cli.md documents per command (its headings and tables); `--help` must list each one. */
const DOCUMENTED: Record<string, string[]> = {
  compress: ['--query', '--type', '--language', '--json', '--store', '--lossless', '--out-dir'],
  retrieve: ['--store', '--proxy'],
  pipeline: ['--model', '--max-tokens', '--json'],
  proxy: [
    '--port',
    '--host',
    '--anthropic-upstream',
    '--openai-upstream',
    '--store',
    '--mode',
    '--allow-remote',
    '--proxy-token-file',
    '--print-config',
    '--exit-when-unleased',
    '--cache-aligner',
    '--context-manager',
  ],
  stats: ['--proxy', '--store', '--days', '--json'],
  bench: ['--suite', '--filter', '--iterations', '--json', '--out'],
  doctor: ['--json', '--proxy', '--store', '--strict'],
  mcp: ['--store', '--proxy', '--print-config'],
  wrap: ['--port', '--mode', '--store', '--no-start', '--print-env', '--bin'],
};

describe('--help', () => {
  it('lists every documented flag of every command, and the global options', async () => {
    const results = await Promise.all(Object.keys(DOCUMENTED).map((cmd) => runCli([cmd, '--help'])));
    Object.keys(DOCUMENTED).forEach((cmd, i) => {
      const r = results[i];
      expect(r?.code).toBe(0);
      const help = r?.stdout.toString('utf8') ?? '';
      for (const flag of DOCUMENTED[cmd] ?? [])
        expect(help, `${cmd} ${flag}`).toMatch(new RegExp(`(^|[ ,])${flag}\\b`, 'm'));
    });
    const top = await runCli(['--help']);
    for (const flag of ['--version', '--help', '--config', '--quiet', '--verbose', '--no-color'])
      expect(top.stdout.toString('utf8')).toContain(flag);
  });

  it('--version prints only the version', async () => {
    const { version } = JSON.parse(readFileSync(`${CLI_DIR}/package.json`, 'utf8')) as { version: string };
    const r = await runCli(['--version']);
    expect(r.stdout.toString('utf8')).toBe(`${version}\n`);
    expect(r.stderr).toBe('');
    // The root script: `pnpm -s headroom …` runs the built CLI with nothing else on stdout.
    const root = execFileSync('pnpm', ['-s', 'headroom', '--version'], {
      cwd: join(CLI_DIR, '..', '..'),
      encoding: 'utf8',
    });
    expect(root).toBe(`${version}\n`);
  });
});
