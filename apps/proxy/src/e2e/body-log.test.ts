import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isHeadroomError } from '@headroom/core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  anthropicToolRequest,
  bigJsonOutput,
  type Harness,
  post,
  startHarness,
  TEST_KEY,
} from '../test-utils/harness.js';
import { anthropicMessage, text } from '../testing/fixtures.js';
import { json } from '../testing/mock-upstream.js';

let h: Harness | undefined;
afterEach(async () => h?.close());

async function filesIn(dir: string, count: number): Promise<string[]> {
  for (let i = 0; i < 100 && readdirSync(dir).length < count; i++) await sleep(20);
  return readdirSync(dir).sort();
}

describe('--log-bodies (log.bodiesDir)', () => {
  it('writes the client body, the forwarded body and redacted headers, mode 0600, after a warning', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'headroom-bodies-')), 'bodies');
    h = await startHarness({
      config: { log: { bodiesDir: dir } },
      anthropic: () => json(200, anthropicMessage([text('ok')])),
    });
    expect(h.logs.some((l) => JSON.parse(l).event === 'log_bodies')).toBe(true);
    const sent = Buffer.from(JSON.stringify(anthropicToolRequest(bigJsonOutput(40))));
    const r = await post(`${h.proxy.url}/v1/messages`, sent, {
      'x-api-key': TEST_KEY,
      'anthropic-version': '2023-06-01',
    });
    expect(r.status).toBe(200);

    const files = await filesIn(dir, 3);
    expect(files.map((f) => f.replace(/^.*\.(\w+)\.json$/, '$1'))).toEqual([
      'forwarded',
      'headers',
      'request',
    ]);
    const read = (kind: string) => readFileSync(join(dir, files.find((f) => f.endsWith(`.${kind}.json`))!));
    expect(read('request').equals(sent)).toBe(true);
    expect(read('forwarded').equals(h.anthropic.requests[0]!.body)).toBe(true);
    expect(read('forwarded').length).toBeLessThan(sent.length);
    const headers = read('headers').toString();
    expect(headers).not.toContain(TEST_KEY);
    expect(JSON.parse(headers)).toContainEqual(['x-api-key', '[redacted]']);
    for (const f of files) expect(statSync(join(dir, f)).mode & 0o777).toBe(0o600);
  });

  it('refuses a directory it cannot create with INVALID_CONFIG', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'headroom-bodies-')), 'a-file');
    writeFileSync(file, '');
    const err = await startHarness({ config: { log: { bodiesDir: join(file, 'bodies') } } }).catch(
      (e: unknown) => e,
    );
    expect(isHeadroomError(err, 'INVALID_CONFIG')).toBe(true);
    expect((err as Error).message).toMatch(/log\.bodiesDir: cannot create/);
  });

  it('writes nothing unless asked', async () => {
    h = await startHarness({ anthropic: () => json(200, anthropicMessage([text('ok')])) });
    expect(h.logs.some((l) => JSON.parse(l).event === 'log_bodies')).toBe(false);
    expect(h.logs.join('\n')).not.toContain('bodies');
  });
});
