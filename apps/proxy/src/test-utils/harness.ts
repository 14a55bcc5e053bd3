import { type HeadroomStore, openStore } from '@headroom/store';
import type { ProxyConfigInput } from '../config.js';
import { createProxy, type ProxyHandle } from '../server.js';
import { json, type MockUpstream, type Script, startMockUpstream } from '../testing/mock-upstream.js';

export interface Harness {
  proxy: ProxyHandle;
  anthropic: MockUpstream;
  openai: MockUpstream;
  store: HeadroomStore;
  logs: string[];
  close(): Promise<void>;
}

export const TEST_KEY = 'sk-ant-test-SECRET-0123456789abcdef';

const ok: Script = () => json(200, { ok: true });

/** A proxy on a free loopback port between two scripted mock upstreams, with a memory store and captured logs. */
export async function startHarness(
  o: { anthropic?: Script; openai?: Script; config?: ProxyConfigInput; store?: HeadroomStore } = {},
): Promise<Harness> {
  const anthropic = await startMockUpstream(o.anthropic ?? ok);
  const openai = await startMockUpstream(o.openai ?? ok);
  const store = o.store ?? (await openStore('memory', { role: 'proxy' }));
  const logs: string[] = [];
  const proxy = await createProxy(
    {
      port: 0,
      store: 'memory',
      anthropicUpstream: anthropic.url,
      openaiUpstream: openai.url,
      verifySplice: 1,
      // CI machines are slow and shared: tests that need a deadline or backpressure set their own.
      compressionBudgetMs: 20_000,
      backpressure: { loopDelayP99Ms: 0 },
      shutdownGraceMs: 100,
      ...o.config,
    },
    { store, logSink: (l) => logs.push(l) },
  );
  return {
    proxy,
    anthropic,
    openai,
    store,
    logs,
    close: async () => {
      await proxy.close();
      await Promise.all([anthropic.close(), openai.close()]);
      if (!o.store) await store.close();
    },
  };
}

/** A JSON tool output of about `kb` KiB that the router compresses well (many similar rows). */
export function bigJsonOutput(kb: number, seed = 0): string {
  const rows: unknown[] = [];
  let size = 2;
  for (let i = 0; size < kb * 1024; i++) {
    const row = {
      id: i + seed * 100_000,
      name: `item-${i}`,
      status: i % 17 === 0 ? 'error' : 'ok',
      region: ['us-east-1', 'eu-west-1'][i % 2],
      latencyMs: (i * 37) % 500,
      tags: ['alpha', 'beta'],
    };
    rows.push(row);
    size += JSON.stringify(row).length + 1;
  }
  return JSON.stringify(rows);
}

/** An Anthropic request body whose last user turn carries one tool result. */
export function anthropicToolRequest(
  output: string,
  opts: { stream?: boolean; tools?: unknown[]; prior?: unknown[] } = {},
): Record<string, unknown> {
  return {
    model: 'claude-sonnet-4-5',
    max_tokens: 1024,
    ...(opts.stream ? { stream: true } : {}),
    tools: opts.tools ?? [
      { name: 'list_items', description: 'List items', input_schema: { type: 'object', properties: {} } },
    ],
    messages: [
      ...(opts.prior ?? []),
      { role: 'user', content: 'Which items are failing?' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'list_items', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: output }] },
    ],
  };
}

/**
 * An agent's 100th turn, about 2.5 MB: 100 earlier tool results of ~20 KB each, an answer and a new
 * question. Once the earlier results are in the memo, nothing in it is new.
 */
export function historyRequest(question = 'Thanks. Anything else?'): Buffer {
  const request = anthropicToolRequest(bigJsonOutput(20, 7), {
    prior: Array.from({ length: 99 }, (_, i) => [
      { role: 'user', content: `step ${i}` },
      {
        role: 'assistant',
        content: [{ type: 'tool_use', id: `toolu_h${i}`, name: 'list_items', input: {} }],
      },
      {
        role: 'user',
        content: [{ type: 'tool_result', tool_use_id: `toolu_h${i}`, content: bigJsonOutput(20, i) }],
      },
    ]).flat(),
  });
  (request.messages as unknown[]).push(
    { role: 'assistant', content: 'Two items are failing.' },
    { role: 'user', content: question },
  );
  return Buffer.from(JSON.stringify(request));
}

export async function post(
  url: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
}
