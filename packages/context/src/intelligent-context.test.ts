import {
  type ChatMessage,
  type ContentCompressor,
  type Embedder,
  fieldHash,
  IntelligentContextConfig,
  intelligentConfigFromRollingWindow,
  messageDropSignature,
  pairViolations,
  RollingWindowConfig,
  structureSignature,
  valueHash,
} from '@headroom/core';
import { describe, expect, it } from 'vitest';
import { IntelligentContextManager } from './intelligent-context.js';
import { RollingWindow } from './rolling-window.js';
import { assistant, prose, rows, system, toolCall, toolResult, user } from './test-utils/chat.js';
import { FakeToin, pattern } from './test-utils/fake-toin.js';
import { markerMessages, restore, SpyStore, tokenizer, tokensOf } from './test-utils/helpers.js';

const icm = (config = {}, deps = {}) =>
  new IntelligentContextManager(config, { store: new SpyStore(), ...deps });

/** The seed's worked example: nine messages, the fifth an assistant reporting an error. */
function seedExample(): ChatMessage[] {
  return [
    system(),
    user(prose(60, 1)),
    assistant(prose(60, 2)),
    user(prose(60, 3)),
    assistant(`The deploy failed with TimeoutError on db-7. ${prose(52, 4)}`),
    user(prose(60, 5)),
    assistant(prose(60, 6)),
    user(prose(60, 7)),
    assistant(prose(60, 8)),
  ];
}

/** A conversation whose old tool output is large, so compress-first has something to work on. */
function withBigOutput(): ChatMessage[] {
  return [
    system(),
    user('List the open invoices.'),
    toolCall('inv', 'get_invoices', { state: 'open' }),
    toolResult('inv', rows(80)),
    assistant('There are 80 open invoices.'),
    user('Which region is slowest?'),
    toolCall('reg', 'region_latency'),
    toolResult('reg', rows(4, 7)),
    assistant('EU.'),
    user('Thanks. Anything else?'),
  ];
}

/** Halves a JSON array: a stand-in for the router's compressors. */
function halvingCompressor(calls: string[] = []): ContentCompressor {
  return {
    async compress(text) {
      calls.push(text);
      const items = JSON.parse(text) as unknown[];
      return {
        compressed: JSON.stringify(items.slice(0, Math.ceil(items.length / 2))),
        strategyUsed: 'smart_crusher',
        ccrHashes: ['0123456789abcdef01234567'],
      };
    },
  };
}

describe('IntelligentContextManager', () => {
  it('keeps the seed example’s error message that RollingWindow drops at the same budget', async () => {
    const messages = seedExample();
    const perMessage = tokensOf([messages[1]!]);
    const budget = Math.floor(tokensOf(messages) - 2.5 * perMessage);
    const window = new RollingWindow({ preserveRecentTurns: 2 }, { store: new SpyStore() }).apply(messages, {
      maxTokens: budget,
      tokenizer,
    });
    expect(window.plan.drop).toEqual([1, 2, 4]);
    expect(window.messages).not.toContain(messages[4]);

    const scored = await icm({ keepLastTurns: 2 }).apply(messages, {
      maxTokens: budget,
      tokenizer,
      explain: true,
    });
    expect(scored.strategy).toBe('drop_by_score');
    expect(scored.plan.drop).toEqual([1, 2, 3]);
    expect(scored.messages).toContain(messages[4]);
    const error = scored.scores!.find((s) => s.unit === 4)!;
    expect(error.error).toBe(1);
    expect(Math.max(...scored.scores!.map((s) => s.total))).toBe(error.total);
    expect(markerMessages(scored.messages)[0]!.marker.summary).toMatch(
      /^reason=importance; 1 assistant, 2 user$/,
    );
    expect(pairViolations(scored.messages)).toEqual([]);
  });

  it('compresses the largest droppable output first when a little over budget, and drops nothing', async () => {
    const messages = withBigOutput();
    const budget = Math.floor(tokensOf(messages) / 1.05);
    const calls: string[] = [];
    const result = await icm({}, { compressor: halvingCompressor(calls) }).apply(messages, {
      maxTokens: budget,
      tokenizer,
    });
    expect(result.strategy).toBe('compress_first');
    expect(result.dropped).toEqual([]);
    expect(calls).toEqual([messages[3]!.content]);
    expect(result.transformsApplied).toEqual(['compress_first:smart_crusher:3']);
    expect(result.ccrHashes).toEqual(['0123456789abcdef01234567']);
    expect(result.tokensAfter).toBeLessThanOrEqual(budget);
    expect(result.tokensAfter).toBe(tokensOf(result.messages));
    const out = result.messages as ChatMessage[];
    expect(out.filter((m, i) => m !== messages[i]).map((m) => out.indexOf(m))).toEqual([3]);
    expect(result.plan).toEqual({ drop: [], replace: [{ index: 3, message: out[3] }] });
  });

  it('never sends errors, marked outputs or retrieval-tool outputs to the compressor', async () => {
    const big = rows(40);
    const messages: ChatMessage[] = [
      system(),
      user('Go.'),
      toolCall('e', 'deploy'),
      toolResult('e', big),
      toolCall('m', 'search'),
      toolResult('m', `${big}\n<<ccr:0123456789abcdef01234567 5 of 9 rows omitted>>`),
      toolCall('r', 'headroom_retrieve', { hash: '0123456789abcdef01234567' }),
      toolResult('r', rows(40, 2)),
      toolCall('ok', 'search'),
      toolResult('ok', rows(40, 3)),
      user('Done?'),
    ];
    const calls: string[] = [];
    await icm({ keepLastTurns: 1 }, { compressor: halvingCompressor(calls) }).apply(messages, {
      maxTokens: Math.floor(tokensOf(messages) / 1.02),
      tokenizer,
    });
    expect(calls).toEqual([messages[3]!.content]);
    // Anthropic marks errors explicitly; those are never compressed.
    const anthropic = {
      format: 'anthropic' as const,
      messages: [
        { role: 'user' as const, content: 'Go.' },
        { role: 'assistant' as const, content: [{ type: 'tool_use', id: 't1', name: 'deploy', input: {} }] },
        {
          role: 'user' as const,
          content: [{ type: 'tool_result', tool_use_id: 't1', content: big, is_error: true }],
        },
        { role: 'assistant' as const, content: [{ type: 'tool_use', id: 't2', name: 'deploy', input: {} }] },
        { role: 'user' as const, content: [{ type: 'tool_result', tool_use_id: 't2', content: 'ok' }] },
        { role: 'user' as const, content: 'Done?' },
      ],
    };
    const errorCalls: string[] = [];
    await icm({ keepLastTurns: 1 }, { compressor: halvingCompressor(errorCalls) }).apply(anthropic, {
      maxTokens: Math.floor(tokensOf(anthropic) / 1.02),
      tokenizer,
    });
    expect(errorCalls).toEqual([]);
  });

  it('falls through to drop-by-score on the compressed conversation when compression is not enough', async () => {
    const messages: ChatMessage[] = [
      system(),
      user('Show the deploy log.'),
      toolCall('log', 'get_logs'),
      toolResult('log', prose(900)),
      assistant('The deploy went through.'),
      ...withBigOutput().slice(1),
    ];
    const budget = Math.floor(tokensOf(messages) / 1.09);
    // Saves a little on JSON (accepted with compressAcceptRatio 0.99), nothing on text.
    const weak: ContentCompressor = {
      async compress(text) {
        const items = text.startsWith('[') ? (JSON.parse(text) as unknown[]).slice(0, 78) : undefined;
        return {
          compressed: items ? JSON.stringify(items) : text,
          strategyUsed: 'smart_crusher',
          ccrHashes: [],
        };
      },
    };
    const store = new SpyStore();
    const config = { keepLastTurns: 1, compressAcceptRatio: 0.99 };
    const result = await new IntelligentContextManager(config, { compressor: weak, store }).apply(messages, {
      maxTokens: budget,
      tokenizer,
    });
    expect(result.strategy).toBe('drop_by_score');
    expect(result.plan.drop).toEqual([2, 3]);
    expect(result.transformsApplied).toEqual(['compress_first:smart_crusher:7', 'drop_by_score:2']);
    expect(result.plan.replace!.map((r) => r.index)).toEqual([7]);
    expect(result.tokensAfter).toBeLessThanOrEqual(budget);
    // CCR holds the input itself; the kept output is the compressed copy.
    const restored = await restore(result, store);
    expect(restored).toEqual(messages.map((m, i) => (i === 7 ? result.plan.replace![0]!.message : m)));
  });

  it('does not report the compression of a message it dropped afterwards', async () => {
    const messages = withBigOutput();
    const weak: ContentCompressor = {
      async compress(text) {
        const items = JSON.parse(text) as unknown[];
        return {
          compressed: JSON.stringify(items.slice(0, 78)),
          strategyUsed: 'smart_crusher',
          ccrHashes: ['x'],
        };
      },
    };
    const store = new SpyStore();
    const result = await new IntelligentContextManager(
      { keepLastTurns: 1, compressAcceptRatio: 0.99 },
      { compressor: weak, store },
    ).apply(messages, { maxTokens: Math.floor(tokensOf(messages) / 1.09), tokenizer });
    expect(result.plan.drop).toContain(3);
    expect(result.transformsApplied).toEqual([`drop_by_score:${result.plan.drop.length}`]);
    expect(result.ccrHashes).not.toContain('x');
    expect(result.plan.replace).toBeUndefined();
    expect(await restore(result, store)).toEqual(messages);
  });

  it('records a failing compressor and drops instead', async () => {
    const messages = withBigOutput();
    const broken: ContentCompressor = {
      async compress() {
        throw new Error('boom');
      },
    };
    const result = await icm({}, { compressor: broken }).apply(messages, {
      maxTokens: Math.floor(tokensOf(messages) / 1.05),
      tokenizer,
    });
    expect(result.warnings).toContain('compress_failed:3:INTERNAL');
    expect(result.strategy).toBe('drop_by_score');
    expect(result.dropped.length).toBeGreaterThan(0);
  });

  it('drops by score when 30 % over, keeping the system prompt and the last two exchanges', async () => {
    const messages = withBigOutput();
    const calls: string[] = [];
    const result = await icm({}, { compressor: halvingCompressor(calls) }).apply(messages, {
      maxTokens: Math.floor(tokensOf(messages) / 1.3),
      tokenizer,
    });
    expect(calls).toEqual([]);
    expect(result.strategy).toBe('drop_by_score');
    // The last two exchanges are the lone assistant and user messages after the last tool unit,
    // which is kept as the active tool pair.
    for (const i of [0, 6, 7, 8, 9]) expect(result.messages).toContain(messages[i]);
    expect(result.tokensAfter).toBeLessThanOrEqual(result.budget);
  });

  it('drops by position when importance scoring is off', () => {
    const messages = seedExample();
    const result = icm({ keepLastTurns: 1, useImportanceScoring: false }).applySync(messages, {
      maxTokens: Math.floor(tokensOf(messages) - 2.5 * tokensOf([messages[1]!])),
      tokenizer,
      explain: true,
    });
    expect(result.plan.drop).toEqual([1, 2, 3]);
    expect(result.scores!.map((s) => s.unit)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  describe('TOIN', () => {
    // The invoices are older and larger: without TOIN they are the cheaper drop.
    const invoices = JSON.stringify(
      Array.from({ length: 14 }, (_, i) => ({ invoice: `INV${1000 + i}`, amount: 10 * i, state: 'open' })),
    );
    const tickets = JSON.stringify(
      Array.from({ length: 12 }, (_, i) => ({ ticket: `TCK${1000 + i}`, owner: 10 * i, queue: 'open' })),
    );
    const invoiceSig = structureSignature(JSON.parse(invoices) as unknown[]);
    const conversation = (older: string, newer: string): ChatMessage[] => [
      system(),
      user('Start.'),
      toolCall('a', 'first'),
      toolResult('a', older),
      toolCall('b', 'second'),
      toolResult('b', newer),
      toolCall('c', 'third'),
      toolResult('c', 'done'),
      user('Report.'),
    ];

    it('keeps an output TOIN says is often retrieved over a newer one of another tool', () => {
      const messages = conversation(invoices, tickets);
      const budget = tokensOf(messages) - 120;
      const without = icm({ keepLastTurns: 1 }).applySync(messages, { maxTokens: budget, tokenizer });
      expect(without.plan.drop).toContain(3);
      expect(without.plan.drop).not.toContain(5);
      const toin = new FakeToin({ [invoiceSig]: pattern(invoiceSig, { retrievalRate: 0.9 }) });
      const learned = icm({ keepLastTurns: 1 }, { toin }).applySync(messages, {
        maxTokens: budget,
        tokenizer,
        explain: true,
      });
      expect(learned.plan.drop).toContain(5);
      expect(learned.plan.drop).not.toContain(3);
      expect(learned.scores!.find((s) => s.unit === 2)!.toin).toBeCloseTo(0.95);
      expect(toin.drops).toHaveLength(1);
    });

    it('ignores patterns below the confidence threshold and with toinIntegration off', () => {
      const messages = conversation(invoices, tickets);
      const budget = tokensOf(messages) - 120;
      const weak = new FakeToin({
        [invoiceSig]: pattern(invoiceSig, { retrievalRate: 0.9, confidence: 0.1 }),
      });
      expect(
        icm({ keepLastTurns: 1 }, { toin: weak }).applySync(messages, { maxTokens: budget, tokenizer }).plan
          .drop,
      ).toContain(3);
      const off = new FakeToin({ [invoiceSig]: pattern(invoiceSig, { retrievalRate: 0.9 }) });
      const result = icm({ keepLastTurns: 1, toinIntegration: false }, { toin: off }).applySync(messages, {
        maxTokens: budget,
        tokenizer,
      });
      expect(result.plan.drop).toContain(3);
      expect(off.lookups).toEqual([]);
      expect(off.drops).toEqual([]);
    });

    it('keeps an output holding a value TOIN learned marks an error, and lets the learned signal win', () => {
      // Different invoices, one schema: one TOIN pattern, no forward reference between them.
      const items = (state: string, from = 1000) =>
        JSON.stringify(
          Array.from({ length: 12 }, (_, i) => ({
            invoice: `INV${from + i}`,
            amount: i,
            state: i === 5 ? state : 'open',
          })),
        );
      const messages = conversation(items('degraded'), items('open', 2000));
      const signature = structureSignature(JSON.parse(items('open')) as unknown[]);
      const field = fieldHash('state');
      const semantics = {
        [field]: { inferredType: 'error_indicator' as const, confidence: 0.8, importantValues: [] },
      };
      const toin = new FakeToin(
        { [signature]: pattern(signature, { fieldSemantics: semantics }) },
        new Set([`${signature}|${field}|${valueHash('degraded')}`]),
      );
      const budget = tokensOf(messages) - 120;
      const learned = icm({ keepLastTurns: 1 }, { toin }).applySync(messages, {
        maxTokens: budget,
        tokenizer,
        explain: true,
      });
      expect(learned.scores!.find((s) => s.unit === 2)!.error).toBe(1);
      expect(learned.plan.drop).toContain(5);
      expect(learned.plan.drop).not.toContain(3);
      // Without TOIN, "degraded" is no error word: the older output goes first.
      expect(
        icm({ keepLastTurns: 1 }).applySync(messages, { maxTokens: budget, tokenizer }).plan.drop,
      ).toContain(3);
      // A confident pattern with no important value overrides the keyword prior.
      const failed = conversation(items('failed'), items('open', 2000));
      const quiet = new FakeToin({ [signature]: pattern(signature, { fieldSemantics: semantics }) });
      const r = icm({ keepLastTurns: 1 }, { toin: quiet }).applySync(failed, {
        maxTokens: budget,
        tokenizer,
        explain: true,
      });
      expect(r.scores!.find((s) => s.unit === 2)!.error).toBe(0);
      const prior = icm({ keepLastTurns: 1 }).applySync(failed, {
        maxTokens: budget,
        tokenizer,
        explain: true,
      });
      expect(prior.scores!.find((s) => s.unit === 2)!.error).toBe(1);
    });

    it('records each drop with a content-free signature', () => {
      const messages = conversation(invoices, tickets);
      const toin = new FakeToin();
      const result = icm({ keepLastTurns: 1 }, { toin }).applySync(messages, {
        maxTokens: tokensOf(messages) - 120,
        tokenizer,
        explain: true,
      });
      expect(result.plan.drop).toEqual([2, 3]);
      const tokens = result.dropped.reduce((n, d) => n + d.tokens, 0);
      expect(toin.drops).toEqual([
        {
          signature: messageDropSignature({
            roles: { assistant: 1, tool: 1 },
            tools: ['first'],
            errors: 0,
            tokens,
          }),
          count: result.plan.drop.length,
          tokens,
        },
      ]);
    });

    it('scores as if TOIN were absent when the advisor throws', () => {
      const messages = conversation(invoices, tickets);
      const toin = new FakeToin();
      toin.pattern = () => {
        throw new Error('snapshot gone');
      };
      const result = icm({ keepLastTurns: 1 }, { toin }).applySync(messages, {
        maxTokens: tokensOf(messages) - 120,
        tokenizer,
      });
      expect(result.warnings).toContain('toin_failed');
      expect(result.dropped.length).toBeGreaterThan(0);
    });
  });

  it('gives an error-keyword text unit no boost with errorPrior none and no TOIN', () => {
    const messages = seedExample();
    const budget = tokensOf(messages) - 150;
    const none = icm({ keepLastTurns: 2, errorPrior: 'none' }).applySync(messages, {
      maxTokens: budget,
      tokenizer,
      explain: true,
    });
    expect(none.scores!.find((s) => s.unit === 4)!.error).toBe(0);
    const protocol = icm({ keepLastTurns: 2, errorPrior: 'protocol' }).applySync(messages, {
      maxTokens: budget,
      tokenizer,
      explain: true,
    });
    expect(protocol.scores!.find((s) => s.unit === 4)!.error).toBe(0);
  });

  it('ranks a unit whose UUID a later user message quotes above an equal one', () => {
    const out = (id: string) =>
      `Created record ${id} for the migration batch. ${'Rows copied and verified. '.repeat(8)}`;
    const messages = [
      system(),
      user('Create two records.'),
      toolCall('a', 'create'),
      toolResult('a', out('6f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e5f')),
      toolCall('b', 'create'),
      toolResult('b', out('0b9a8c7d-6e5f-4a3b-9c1d-2e3f4a5b6c7d')),
      toolCall('c', 'noop'),
      toolResult('c', 'ok'),
      user('Show me "6f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e5f" again.'),
    ];
    const result = icm({ keepLastTurns: 1 }).applySync(messages, {
      maxTokens: tokensOf(messages) - 10,
      tokenizer,
      explain: true,
    });
    const referenced = result.scores!.find((s) => s.unit === 2)!;
    const other = result.scores!.find((s) => s.unit === 3)!;
    expect(referenced.forwardReference).toBeCloseTo(1 - Math.exp(-0.5));
    expect(other.forwardReference).toBe(0);
    expect(referenced.total).toBeGreaterThan(other.total);
    expect(result.plan.drop).toContain(4);
    expect(result.plan.drop).not.toContain(2);
  });

  it('explains every droppable unit with normalized weights and factors in [0, 1]', () => {
    const config = {
      keepLastTurns: 1,
      scoringWeights: { recency: 2, semanticSimilarity: 2, toinImportance: 0 },
    };
    const manager = icm(config);
    const weights = manager.config.scoringWeights;
    expect(Object.values(weights).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const messages = seedExample();
    const result = manager.applySync(messages, {
      maxTokens: tokensOf(messages) - 150,
      tokenizer,
      explain: true,
    });
    const scores = result.scores!;
    expect(scores.map((s) => s.unit).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    for (const s of scores) {
      for (const f of [s.recency, s.semantic, s.toin, s.error, s.forwardReference, s.density]) {
        expect(f).toBeGreaterThanOrEqual(0);
        expect(f).toBeLessThanOrEqual(1);
      }
      const sum =
        weights.recency * s.recency +
        weights.semanticSimilarity * s.semantic +
        weights.toinImportance * s.toin +
        weights.errorIndicator * s.error +
        weights.forwardReference * s.forwardReference +
        weights.tokenDensity * s.density;
      expect(s.total).toBeCloseTo(sum, 12);
    }
    expect(scores.map((s) => s.total)).toEqual([...scores.map((s) => s.total)].sort((a, b) => a - b));
    expect(result.dropped.map((d) => d.score)).toEqual(
      scores.slice(0, result.dropped.length).map((s) => s.total),
    );
    expect(
      icm().applySync(messages, { maxTokens: tokensOf(messages) - 150, tokenizer }).scores,
    ).toBeUndefined();
  });

  it('maps a RollingWindowConfig the way the seed shows', () => {
    const rolling = RollingWindowConfig.parse({
      maxTokens: 100_000,
      preserveSystem: false,
      preserveRecentTurns: 3,
    });
    const config = intelligentConfigFromRollingWindow(rolling);
    expect(config).toEqual(
      IntelligentContextConfig.parse({
        keepSystem: false,
        keepLastTurns: 3,
        maxTokens: 100_000,
        outputBufferTokens: 4000,
      }),
    );
    const messages = seedExample();
    const result = new IntelligentContextManager(config, { store: new SpyStore() }).applySync(messages, {
      maxTokens: tokensOf(messages) - 100,
      tokenizer,
    });
    for (const m of messages.slice(3)) expect(result.messages).toContain(m);
  });

  it('scores similarity with one batched embedder call, and falls back to TF-IDF when it fails', async () => {
    const messages = seedExample();
    const budget = tokensOf(messages) - 150;
    const batches: string[][] = [];
    const embedder: Embedder = {
      async embed(texts) {
        batches.push(texts);
        // The context is [1, 0]; the error message points the same way, the rest away.
        return texts.map((t, i) =>
          Float32Array.from(i === 0 || t.includes('TimeoutError') ? [1, 0] : [0, 1]),
        );
      },
    };
    const result = await icm({ keepLastTurns: 2 }, { embedder }).apply(messages, {
      maxTokens: budget,
      tokenizer,
      explain: true,
    });
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(1 + 4);
    expect(result.scores!.find((s) => s.unit === 4)!.semantic).toBe(1);
    expect(result.scores!.filter((s) => s.unit !== 4).every((s) => s.semantic === 0)).toBe(true);

    const failing: Embedder = {
      async embed() {
        throw new Error('model unavailable');
      },
    };
    const fallback = await icm({ keepLastTurns: 2 }, { embedder: failing }).apply(messages, {
      maxTokens: budget,
      tokenizer,
    });
    expect(fallback.warnings).toContain('embedder_failed:INTERNAL');
    const sync = icm({ keepLastTurns: 2 }).applySync(messages, { maxTokens: budget, tokenizer });
    expect(JSON.stringify(fallback.messages)).toBe(JSON.stringify(sync.messages));
    const wrongShape: Embedder = { embed: async () => [Float32Array.from([1])] };
    const shaped = await icm({ keepLastTurns: 2 }, { embedder: wrongShape }).apply(messages, {
      maxTokens: budget,
      tokenizer,
    });
    expect(shaped.warnings).toContain('embedder_failed:SHAPE');
  });

  it('gives the same result from apply and applySync when neither embedder nor compressor is set', async () => {
    const messages = withBigOutput();
    const opts = { maxTokens: Math.floor(tokensOf(messages) / 1.5), tokenizer };
    const a = await icm().apply(messages, opts);
    const b = icm().applySync(messages, opts);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('returns the input itself under budget, with strategy none', async () => {
    const messages = seedExample();
    const store = new SpyStore();
    const result = await new IntelligentContextManager({}, { store }).apply(messages, { tokenizer });
    expect(result.messages).toBe(messages);
    expect(result.strategy).toBe('none');
    expect(store.puts).toEqual([]);
  });

  it('never throws on unreadable input', async () => {
    for (const junk of [null, 7, { format: 'openai-chat' }]) {
      const result = await icm().apply(junk as never, { maxTokens: 1, tokenizer });
      expect(result.messages).toBe(junk);
      expect(result.strategy).toBe('none');
      expect(result.warnings[0]).toMatch(/^failed:intelligent_context:/);
      expect(icm().applySync(junk as never, { maxTokens: 1, tokenizer }).messages).toBe(junk);
    }
    // Readable but nothing droppable: kept as is, and the result says the budget was not met.
    const lone = [undefined];
    const result = await icm().apply(lone as never, { maxTokens: 1, tokenizer });
    expect(result.messages).toBe(lone);
    expect(result.overBudget).toBe(true);
    expect(result.warnings).toEqual(['over_budget_after_window']);
  });
});
