import { beforeAll, describe, expect, it } from 'vitest';
import { BenchResultSchema } from '../schemas.js';
import { ensureBuilt, runCli } from '../test-utils/cli.js';

beforeAll(ensureBuilt, 120_000);

describe('headroom bench', () => {
  it('--suite quick --json loses no needle; no progress output without a TTY', async () => {
    const r = await runCli(['bench', '--suite', 'quick', '--iterations', '1', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout.toString('utf8'));
    expect(report.suite).toBe('quick');
    expect(report.results.length).toBeGreaterThanOrEqual(7);
    for (const result of report.results) BenchResultSchema.parse(result);
    expect(report.totals.needles.lost).toBe(0);
  }, 90_000);

  it('draws the bar on stderr with HEADROOM_FORCE_TTY=1 and prints the table on stdout', async () => {
    const r = await runCli(['bench', '--filter', '^prose$', '--iterations', '1'], {
      env: { HEADROOM_FORCE_TTY: '1' },
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('1/1');
    const table = r.stdout.toString('utf8');
    expect(table.split('\n')[0]).toMatch(/^scenario +\| type +\| strategy +\| +KB \| tokens before \|/);
    expect(table).toContain('prose');
  });
});
