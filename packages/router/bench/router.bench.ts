import { defineSuite, type Suite } from '@headroom/bench';
import {
  type ChatMessage,
  getTokenizer,
  MemoCache,
  MemoryCcrStore,
  toConversation,
  viewOf,
} from '@headroom/core';
import { ContentRouter, compress, detectContentType } from '@headroom/router';
import { grepOutput, jsonItems, logOutput, prose, pythonSource } from '../src/test-utils/samples.js';

const tokenizer = getTokenizer('gpt-4o');

/** A tool call and its result, as an OpenAI Chat client sends them. */
function toolExchange(id: string, name: string, output: string): ChatMessage[] {
  return [
    {
      role: 'assistant',
      content: null,
      tool_calls: [{ id, type: 'function', function: { name, arguments: '{}' } }],
    },
    { role: 'tool', tool_call_id: id, content: output },
  ];
}
const noOptional = { code: async () => undefined, lingua: async () => undefined };

function diffOutput(files: number): string {
  return Array.from({ length: files }, (_, f) =>
    [
      `diff --git a/src/m${f}.ts b/src/m${f}.ts`,
      `--- a/src/m${f}.ts`,
      `+++ b/src/m${f}.ts`,
      ...Array.from({ length: 4 }, (_, h) => [
        `@@ -${h * 40 + 1},7 +${h * 40 + 1},8 @@ export function handler${f}_${h}() {`,
        '   const started = Date.now();',
        '   const config = loadConfig();',
        `-  const limit = ${h * 10};`,
        `+  const limit = config.limit ?? ${h * 10};`,
        `+  log.debug('limit', limit);`,
        '   return run(limit);',
        ' }',
      ]).flat(),
    ].join('\n'),
  ).join('\n');
}

/** Content of about `bytes` per type, from the same generators the tests use. */
const KINDS: Record<string, (bytes: number) => string> = {
  json: (b) => jsonItems(Math.max(10, Math.round(b / 150))),
  search: (b) => grepOutput(Math.max(10, Math.round(b / 95))),
  log: (b) => logOutput(Math.max(10, Math.round(b / 75))),
  diff: (b) => diffOutput(Math.max(1, Math.round(b / 420))),
  text: (b) => prose(Math.max(2, Math.round(b / 210))),
  code: (b) => pythonSource(Math.max(2, Math.round(b / 440))),
};

const detection = (bytes: number): Suite =>
  defineSuite(
    {
      name: `detectContentType, ${bytes >= 1e6 ? `${bytes / 1e6} MB` : `${bytes / 1e3} KB`} per type (JSON: parse included)`,
      minTimeMs: 300,
      setup: () => Object.fromEntries(Object.entries(KINDS).map(([k, make]) => [k, make(bytes)])),
    },
    (s, inputs) => {
      const all = Object.values(inputs);
      const total = all.reduce((a, t) => a + t.length, 0);
      s.baseline('split into lines (one pass, the floor)', () => all.map((t) => t.split('\n').length), {
        bytes: total,
      });
      for (const [kind, text] of Object.entries(inputs)) {
        s.add(`detect ${kind}`, () => detectContentType(text), {
          bytes: text.length,
          baseline: 'split into lines (one pass, the floor)',
        });
      }
    },
  );

/** Keeps the first and last lines of every tool output up to `share` of its bytes. */
function headTail(text: string, share: number): string {
  const budget = Math.floor(text.length * share);
  return `${text.slice(0, budget / 2)}\n[... truncated]\n${text.slice(text.length - budget / 2)}`;
}

/** A 50-turn agent conversation whose tool outputs add up to about 1 MB, all six kinds in turn. */
function agentConversation(): ChatMessage[] {
  const kinds = Object.keys(KINDS);
  const out: ChatMessage[] = [
    { role: 'system', content: 'You are a coding agent working in a large repository.' },
    { role: 'user', content: 'Find why checkout fails and fix it.' },
  ];
  for (let turn = 0; turn < 50; turn++) {
    const kind = kinds[turn % kinds.length]!;
    const tool = kind === 'search' ? 'Grep' : kind === 'code' ? 'Read' : 'Bash';
    out.push(...toolExchange(`call_${turn}`, tool, KINDS[kind]!(20_000 + (turn % 5) * 1000)));
    out.push({ role: 'assistant', content: `Step ${turn}: looked at the ${kind} output.` });
  }
  out.push({ role: 'user', content: 'Which order failed, and what does the ERROR say?' });
  return out;
}

const endToEnd = defineSuite(
  {
    name: 'compress(): 50-turn agent conversation, ~1 MB of tool outputs (JSON, grep, logs, diffs, prose, code)',
    minTimeMs: 2000,
    minRuns: 5,
    setup: async () => {
      const messages = agentConversation();
      const before = viewOf(toConversation(messages), { tokenizer }).totalTokens();
      const ours = await compress(messages, { model: 'gpt-4o', store: new MemoryCcrStore() });
      const share = ours.tokensAfter / ours.tokensBefore;
      const truncated = messages.map((m) =>
        m.role === 'tool' ? { ...m, content: headTail(m.content as string, share) } : m,
      );
      const naive = viewOf(toConversation(truncated), { tokenizer }).totalTokens();
      const bytes = messages.reduce((a, m) => a + (typeof m.content === 'string' ? m.content.length : 0), 0);
      const warmStore = new MemoryCcrStore();
      await compress(messages, { model: 'gpt-4o', store: warmStore });
      return { messages, before, after: ours.tokensAfter, naive, share, bytes, warmStore };
    },
  },
  (s, c) => {
    s.baseline('passthrough (structuredClone)', () => structuredClone(c.messages), {
      bytes: c.bytes,
      measure: () => ({ before: c.before, after: c.before }),
    });
    s.add(
      'head+tail truncation to the same size',
      () => c.messages.map((m) => (m.role === 'tool' ? headTail(m.content as string, c.share) : m)),
      {
        bytes: c.bytes,
        measure: () => ({ before: c.before, after: c.naive }),
      },
    );
    s.add(
      'compress(), cold (new store and memo each run)',
      () => compress(c.messages, { model: 'gpt-4o', store: new MemoryCcrStore() }),
      {
        bytes: c.bytes,
        measure: () => ({ before: c.before, after: c.after }),
      },
    );
    s.add(
      'compress(), warm (memo hit for every tool output)',
      () => compress(c.messages, { model: 'gpt-4o', store: c.warmStore }),
      {
        bytes: c.bytes,
        measure: () => ({ before: c.before, after: c.after }),
      },
    );
  },
);

const perType = defineSuite(
  {
    name: 'ContentRouter.compress per content type, 100 KB each (code through @headroom/code)',
    minTimeMs: 500,
    setup: async () => {
      const router = new ContentRouter({}, { store: new MemoryCcrStore(), tokenizer });
      const cases = [];
      for (const [kind, make] of Object.entries(KINDS)) {
        const text = make(100_000);
        const r = await router.compress(text, { query: 'failed ERROR' });
        cases.push({ kind, text, before: r.tokensBefore, after: r.tokensAfter, strategy: r.strategyUsed });
      }
      return { router, cases };
    },
  },
  (s, { router, cases }) => {
    for (const c of cases) {
      s.add(`${c.kind} → ${c.strategy}`, () => router.compress(c.text, { query: 'failed ERROR' }), {
        bytes: c.text.length,
        measure: () => ({ before: c.before, after: c.after }),
      });
    }
  },
);

const memoHit = defineSuite(
  {
    name: 'memo hit: a 180 KB tool output already compressed (SHA-256 + lookup + store refresh + edit)',
    minTimeMs: 500,
    setup: async () => {
      const text = jsonItems(1200);
      const messages: ChatMessage[] = [
        { role: 'user', content: 'which failed?' },
        ...toolExchange('a', 'list_orders', text),
      ];
      const router = new ContentRouter(
        {},
        { store: new MemoryCcrStore(), tokenizer, memo: new MemoCache(), modules: noOptional },
      );
      await router.apply(messages, { tokenizer });
      return { messages, router, bytes: text.length };
    },
  },
  (s, c) => {
    s.baseline(
      'passthrough (JSON.parse + stringify of the message)',
      () => JSON.parse(JSON.stringify(c.messages)),
      { bytes: c.bytes },
    );
    s.add('ContentRouter.apply, memo hit', () => c.router.apply(c.messages, { tokenizer }), {
      bytes: c.bytes,
    });
  },
);

export default [detection(10_000), detection(1_000_000), perType, memoHit, endToEnd];
