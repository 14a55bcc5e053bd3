import { spawn } from 'node:child_process';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompressJsonSchema } from '../schemas.js';
import { BIN, ensureBuilt, tempHome } from '../test-utils/cli.js';
import { logText } from '../test-utils/fixtures.js';

const home = tempHome();
beforeAll(ensureBuilt, 120_000);
afterAll(() => home.cleanup());

function childEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, ...home.env })) if (v !== undefined) env[k] = v;
  return env;
}

describe('headroom mcp', () => {
  it('serves exactly three tools; compress → retrieve round-trips; stats counts the session', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [BIN, 'mcp'],
      env: childEnv(),
      stderr: 'pipe',
    });
    const client = new Client({ name: 'headroom-test', version: '0.0.0' });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual([
        'headroom_compress',
        'headroom_retrieve',
        'headroom_stats',
      ]);
      const original = logText(2000);
      const c = await client.callTool({ name: 'headroom_compress', arguments: { content: original } });
      const out = CompressJsonSchema.parse(c.structuredContent);
      expect(out.strategy).toBe('log');
      expect(out.ccr.length).toBeGreaterThan(0);
      const texts = await Promise.all(
        out.ccr.map(async ({ hash }) => {
          const r = await client.callTool({ name: 'headroom_retrieve', arguments: { hash } });
          return (r.content as { text: string }[])[0]?.text;
        }),
      );
      expect(texts).toContain(original);
      const miss = await client.callTool({
        name: 'headroom_retrieve',
        arguments: { hash: '0123456789abcdef01234567' },
      });
      expect(miss.isError).toBe(true);
      expect((miss.content as { text: string }[])[0]?.text).toContain('unknown or expired');
      const stats = await client.callTool({ name: 'headroom_stats', arguments: {} });
      const s = JSON.parse((stats.content as { text: string }[])[0]?.text ?? '{}');
      expect(s.session).toMatchObject({ compressions: 1, misses: 1 });
      expect(s.store).toMatchObject({ kind: 'sqlite', ok: true });
      expect(s.proxy).toBeNull();
    } finally {
      await client.close();
    }
  });

  it('writes nothing but JSON-RPC on stdout and exits 0 when stdin closes', async () => {
    const child = spawn(process.execPath, [BIN, 'mcp'], { env: childEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString('utf8');
    });
    const send = (msg: object) => child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...msg })}\n`);
    send({
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '0' } },
    });
    send({ method: 'notifications/initialized' });
    send({
      id: 2,
      method: 'tools/call',
      params: { name: 'headroom_compress', arguments: { content: logText(1500) } },
    });
    await new Promise<void>((resolve) => {
      const check = () => (stdout.includes('"id":2') ? resolve() : setTimeout(check, 50));
      check();
    });
    child.stdin.end();
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ jsonrpc: '2.0' });
  });

  it('--print-config prints a registration snippet', async () => {
    const child = spawn(process.execPath, [BIN, 'mcp', '--print-config', 'claude'], { env: childEnv() });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    expect(out).toBe('claude mcp add headroom -- headroom mcp\n');
  });
});
