import { defineSuite } from '@headroom/bench';
import { IntelligentContextManager, RollingWindow } from '@headroom/context';
import { type ChatMessage, type Embedder, getTokenizer, MemoryCcrStore, viewOf } from '@headroom/core';
import { keptReport, naiveTrim } from './must-keep.js';
import { tauBenchConversation } from './tau-bench.js';

const tokenizer = getTokenizer('gpt-4o');

/** An embedder that answers at once: what is left is the manager's own overhead. */
const instantEmbedder: Embedder = {
  async embed(texts) {
    return texts.map((t) => Float32Array.from([t.length % 7, t.length % 5, 1]));
  },
};

function setup(exchanges: number) {
  const messages = tauBenchConversation(exchanges);
  const view = viewOf(messages, { tokenizer });
  const tokens = view.totalTokens();
  // Over budget by 30 %.
  const budget = Math.floor(tokens / 1.3);
  const store = new MemoryCcrStore();
  const window = new RollingWindow({}, { store, tokenizer });
  const manager = new IntelligentContextManager({}, { store, tokenizer });
  const embedding = new IntelligentContextManager({}, { store, tokenizer, embedder: instantEmbedder });
  const opts = { maxTokens: budget, tokenizer };
  const rolled = window.apply(messages, opts);
  const scored = manager.applySync(messages, opts);
  for (const r of [rolled, scored]) {
    if (r.tokensAfter > budget || r.dropped.length === 0) throw new Error(`${exchanges}: budget not met`);
  }
  return {
    messages,
    view,
    tokens,
    budget,
    window,
    manager,
    embedding,
    opts,
    naive: naiveTrim(view, budget),
    rolled,
    scored,
    json: JSON.stringify(messages),
  };
}

function suite(exchanges: number) {
  return defineSuite(
    {
      name: `${exchanges} tau-bench exchanges (${exchanges === 50 ? '~150' : '~600'} messages with tool outputs), 30 % over budget, token counts cached`,
      setup: () => setup(exchanges),
    },
    (s, c) => {
      const measure = (after: number) => () => ({ before: c.tokens, after });
      s.baseline(
        `naive trim, last messages that fit (LangChain-style): ${keptReport(c.view, c.naive)}`,
        () => naiveTrim(viewOf(c.messages, { tokenizer }), c.budget),
        { measure: measure(viewOf(c.naive as ChatMessage[], { tokenizer }).totalTokens()) },
      );
      s.add(
        `RollingWindow: ${keptReport(c.view, c.rolled.messages)}`,
        () => c.window.apply(c.messages, c.opts),
        { measure: measure(c.rolled.tokensAfter) },
      );
      s.add(
        `IntelligentContextManager, TF-IDF: ${keptReport(c.view, c.scored.messages)}`,
        () => c.manager.applySync(c.messages, c.opts),
        { measure: measure(c.scored.tokensAfter) },
      );
      s.add('IntelligentContextManager, instant embedder (overhead only)', () =>
        c.embedding.apply(c.messages, c.opts),
      );
      s.add('RollingWindow, under budget (count and compare)', () =>
        c.window.apply(c.messages, { maxTokens: c.tokens, tokenizer }),
      );
    },
  );
}

/** What a proxy sees: a freshly parsed request body, so no count or feature is cached yet. */
function coldSuite(exchanges: number) {
  return defineSuite(
    {
      name: `${exchanges} tau-bench exchanges, cold: the request body parsed each run`,
      setup: () => setup(exchanges),
    },
    (s, c) => {
      s.baseline('JSON.parse(body)', () => JSON.parse(c.json));
      s.add('JSON.parse + RollingWindow', () => c.window.apply(JSON.parse(c.json) as ChatMessage[], c.opts));
      s.add('JSON.parse + IntelligentContextManager, TF-IDF', () =>
        c.manager.applySync(JSON.parse(c.json) as ChatMessage[], c.opts),
      );
    },
  );
}

export default [suite(50), suite(200), coldSuite(200)];
