import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DoctorJsonSchema } from '../schemas.js';
import { ensureBuilt, runCli, tempHome } from '../test-utils/cli.js';
import { freePort } from '../test-utils/net.js';

const home = tempHome();
const env = home.env;
beforeAll(ensureBuilt, 120_000);
afterAll(() => home.cleanup());

describe('headroom doctor', () => {
  it('--json matches its schema; a stale local base URL in settings.json is a warning with the line', async () => {
    const dead = await freePort();
    mkdirSync(join(home.dir, '.claude'), { recursive: true });
    writeFileSync(
      join(home.dir, '.claude', 'settings.json'),
      `{\n  "env": {\n    "ANTHROPIC_BASE_URL": "http://127.0.0.1:${dead}"\n  }\n}\n`,
    );
    const r = await runCli(['doctor', '--json'], {
      env: { ...env, OPENAI_BASE_URL: `http://127.0.0.1:${dead}/v1` },
    });
    const report = DoctorJsonSchema.parse(JSON.parse(r.stdout.toString('utf8')));
    const byId = new Map(report.checks.map((c) => [c.id, c]));
    expect(byId.get('node')?.status).toBe('ok');
    expect(byId.get('store')?.status).toBe('ok');
    expect(byId.get('proxy')?.status).toBe('info');
    expect(byId.get('engine.lingua-model')?.status).toBe('info');
    expect(byId.get('env.base-urls')).toMatchObject({ status: 'warn' });
    expect(byId.get('agent.settings')?.status).toBe('warn');
    expect(byId.get('agent.settings')?.hint).toContain(`"ANTHROPIC_BASE_URL": "http://127.0.0.1:${dead}"`);
    expect(report.ok).toBe(true);
    expect(r.code).toBe(0);
    const strict = await runCli(['doctor', '--strict', '--json'], {
      env: { ...env, OPENAI_BASE_URL: `http://127.0.0.1:${dead}/v1` },
    });
    expect(strict.code).toBe(1);
  });

  it('an unusable store is a failure (exit 1); the table names each check', async () => {
    writeFileSync(join(home.dir, 'not-a-dir'), '');
    const r = await runCli(['doctor', '--store', `sqlite:${join(home.dir, 'not-a-dir', 's.db')}`], { env });
    expect(r.code).toBe(1);
    const text = r.stdout.toString('utf8');
    expect(text).toMatch(/^fail store +sqlite:.*unavailable/m);
    expect(text).toMatch(/^ok {3}node /m);
    expect(text).toContain('hint: check --store');
  });
});
