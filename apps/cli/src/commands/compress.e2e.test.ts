import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompressJsonSchema } from '../schemas.js';
import { ensureBuilt, runCli, tempHome } from '../test-utils/cli.js';
import { jsonRows, logText } from '../test-utils/fixtures.js';

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const home = tempHome();
const env = home.env;

beforeAll(ensureBuilt, 120_000);
afterAll(() => home.cleanup());

function write(name: string, data: string | Buffer): string {
  const file = join(home.dir, name);
  writeFileSync(file, data);
  return file;
}

describe('headroom compress', () => {
  it('--json prints one line in the contract key order, valid for both schemas; plain output is the same text', async () => {
    const file = write('rows.json', jsonRows(300));
    const [r, plain] = await Promise.all([
      runCli(['compress', file, '--json'], { env }),
      runCli(['compress', file], { env }),
    ]);
    expect(r.code).toBe(0);
    const text = r.stdout.toString('utf8');
    expect(text.endsWith('\n')).toBe(true);
    expect(text.trimEnd().includes('\n')).toBe(false);
    const out = JSON.parse(text);
    expect(Object.keys(out)).toEqual([
      'compressed',
      'type',
      'strategy',
      'tokensBefore',
      'tokensAfter',
      'ccr',
      'durationMs',
    ]);
    CompressJsonSchema.parse(out);
    expect(out.type).toBe('json');
    expect(out.strategy).toBe('smart_crusher');
    expect(out.tokensAfter).toBeLessThan(out.tokensBefore);
    expect(out.ccr.length).toBeGreaterThan(0);
    // Without --json: the compressed text verbatim, and no summary without a TTY.
    expect(plain.code).toBe(0);
    expect(plain.stderr).toBe('');
    expect(plain.stdout.toString('utf8')).toBe(out.compressed);
  });

  it('--type forces the compressor: a log read as prose goes to the text compressor', async () => {
    const file = write('build.log', logText(2000));
    const [auto, forced] = await Promise.all([
      runCli(['compress', file, '--json'], { env }),
      runCli(['compress', file, '--json', '--type', 'text'], { env }),
    ]);
    expect(JSON.parse(auto.stdout.toString('utf8'))).toMatchObject({ type: 'log', strategy: 'log' });
    expect(JSON.parse(forced.stdout.toString('utf8'))).toMatchObject({ type: 'text', strategy: 'text' });
  });

  it.each([
    ['CRLF JSON', jsonRows(250, '\r\n')],
    ['BOM and CRLF', `\uFEFF${logText(2000, '\r\n')}\r\n`],
    ['no trailing newline, non-BMP', logText(1500)],
  ])('compress then retrieve (a new process) gives the exact original: %s', async (_name, original) => {
    const c = await runCli(['compress', '-', '--json'], { env, input: original });
    expect(c.code).toBe(0);
    const out = JSON.parse(c.stdout.toString('utf8'));
    expect(out.strategy).not.toBe('passthrough');
    expect(out.ccr.length).toBeGreaterThan(0);
    const originals = await Promise.all(
      out.ccr.map((e: { hash: string }) => runCli(['retrieve', e.hash], { env })),
    );
    for (const r of originals) expect(r.code).toBe(0);
    // The whole input is the original of one entry, byte for byte (BOM and CRLF included).
    expect(originals.map((r) => sha(r.stdout))).toContain(sha(Buffer.from(original, 'utf8')));
  });

  it('passes a small input through byte-identical', async () => {
    const r = await runCli(['compress', '--json'], { env, input: 'hello world\r\n' });
    const out = JSON.parse(r.stdout.toString('utf8'));
    expect(out).toMatchObject({ compressed: 'hello world\r\n', strategy: 'passthrough', ccr: [] });
    expect(out.tokensAfter).toBe(out.tokensBefore);
  });

  it('--lossless stores nothing and leaves no marker', async () => {
    const r = await runCli(['compress', '--json', '--lossless'], { env, input: logText(2000) });
    const out = JSON.parse(r.stdout.toString('utf8'));
    expect(out.ccr).toEqual([]);
    expect(out.compressed).not.toContain('<<ccr:');
  });

  it('exits 1 on invalid UTF-8 with one line on stderr and nothing on stdout', async () => {
    const r = await runCli(['compress', write('bad.txt', Buffer.from([0x61, 0xff, 0x62]))], { env });
    expect(r.code).toBe(1);
    expect(r.stdout.length).toBe(0);
    expect(r.stderr).toMatch(/^headroom: .*not valid UTF-8\n$/);
  });

  it('exits 2 for several FILEs without --out-dir, an unknown --type and an unknown store scheme', async () => {
    const a = write('a.log', logText(10));
    const results = await Promise.all([
      runCli(['compress', a, a], { env }),
      runCli(['compress', a, '--type', 'yaml'], { env }),
      runCli(['compress', a, '--store', 'postgres://x'], { env }),
      runCli(['compress', a, '--no-such-flag'], { env }),
    ]);
    for (const r of results) {
      expect(r.code).toBe(2);
      expect(r.stdout.length).toBe(0);
      expect(r.stderr.startsWith('headroom: ')).toBe(true);
    }
  });

  it('batch mode writes DIR/<basename> matching single-file results', async () => {
    const dir = join(home.dir, 'batch-in');
    mkdirSync(dir, { recursive: true });
    const files = [
      ['one.json', jsonRows(200)],
      ['two.log', logText(1200)],
      ['three.txt', 'short'],
    ].map(([name, text]) => {
      const f = join(dir, name as string);
      writeFileSync(f, text as string);
      return f;
    });
    const outDir = join(home.dir, 'batch-out');
    const [batch, ...singles] = await Promise.all([
      runCli(['compress', ...files, '--out-dir', outDir, '--json'], { env }),
      ...files.map((file) => runCli(['compress', file], { env })),
    ]);
    expect(batch?.code).toBe(0);
    const report = JSON.parse(batch?.stdout.toString('utf8') ?? '');
    expect(report.files).toHaveLength(3);
    files.forEach((file, i) => {
      const name = file.split('/').pop() as string;
      expect(readFileSync(join(outDir, name), 'utf8')).toBe(singles[i]?.stdout.toString('utf8'));
    });
    const dup = await runCli(
      [
        'compress',
        files[0] as string,
        join(home.dir, 'rows.json'),
        join(dir, '..', 'batch-in', 'one.json'),
        '--out-dir',
        outDir,
      ],
      { env },
    );
    expect(dup.code).toBe(2);
  });

  it('warns that --store memory hashes die with the process', async () => {
    const r = await runCli(['compress', '--store', 'memory'], { env, input: logText(2000) });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('cannot be retrieved');
  });
});

describe('headroom retrieve', () => {
  it('exits 2 for a malformed hash and 1 for an unknown one, with the hint', async () => {
    const [bad, unknown] = await Promise.all([
      runCli(['retrieve', 'not-a-hash'], { env }),
      runCli(['retrieve', '0123456789abcdef01234567'], { env }),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('headroom: not a Headroom hash: not-a-hash\n');
    expect(unknown.code).toBe(1);
    expect(unknown.stdout.length).toBe(0);
    expect(unknown.stderr).toMatch(
      /^headroom: no original stored for hash 0123456789abcdef01234567 in sqlite:.*\(unknown or expired\)\nhint: /,
    );
  });

  it('exits 1 once an original expired (HEADROOM_CCR_TTL=1s)', async () => {
    const short = { ...env, HEADROOM_CCR_TTL: '1s', HEADROOM_STORE: `sqlite:${join(home.dir, 'ttl.db')}` };
    const c = await runCli(['compress', '--json'], { env: short, input: logText(2000) });
    const hash = JSON.parse(c.stdout.toString('utf8')).ccr[0].hash as string;
    await new Promise((r) => setTimeout(r, 1500));
    const r = await runCli(['retrieve', hash], { env: short });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('unknown or expired');
  });
});
