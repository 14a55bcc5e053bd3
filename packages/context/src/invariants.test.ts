/**
 * context.md §6 invariants as fast-check properties over generated conversations in all three
 * shapes (parallel calls, thinking blocks, reasoning items, images, mixed Anthropic results),
 * valid and broken, with random budgets and keep rules, for both managers.
 */
import {
  type ContentCompressor,
  type Embedder,
  type MessagesInput,
  messagesOf,
  pairViolations,
  toConversation,
  viewOf,
} from '@headroom/core';
import { anyConversationArb, type GeneratedConversation } from '@headroom/core/test-utils';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IntelligentContextManager } from './intelligent-context.js';
import { RollingWindow } from './rolling-window.js';
import {
  markerMessages,
  mustKeep,
  type Rules,
  restore,
  SpyStore,
  tokenizer,
  tokensOf,
} from './test-utils/helpers.js';
import type { WindowResult } from './types.js';

/** Property runs tokenize hundreds of conversations; CI machines have two cores. */
const SLOW = 120_000;

/** No marker message is larger than this: 3 overhead + at most one token per character. */
const MARKER_BOUND = 240;

type Manager = 'rolling' | 'intelligent';

interface Scenario {
  g: GeneratedConversation;
  /** Where the budget lies between the protected tokens plus a marker (0) and the whole conversation (1). */
  position: number;
  turns: number;
  frozen: number;
  keepSystem: boolean;
  oldestFirst: boolean;
  manager: Manager;
}

const scenarioArb = (broken: boolean) =>
  fc.record({
    g: anyConversationArb({ rich: true, broken, maxTurns: 14 }),
    position: fc.double({ min: -0.2, max: 1.1, noNaN: true }),
    turns: fc.nat(3),
    frozen: fc.nat(4),
    keepSystem: fc.boolean(),
    oldestFirst: fc.boolean(),
    manager: fc.constantFrom<Manager>('rolling', 'intelligent'),
  });

function run(s: Scenario, budget: number, store: SpyStore): WindowResult {
  const opts = { maxTokens: budget, frozenMessageCount: s.frozen, tokenizer };
  if (s.manager === 'rolling') {
    const config = {
      preserveSystem: s.keepSystem,
      preserveRecentTurns: s.turns,
      dropOldestFirst: s.oldestFirst,
    };
    return new RollingWindow(config, { store }).apply(s.g.input, opts);
  }
  const config = { keepSystem: s.keepSystem, keepLastTurns: s.turns };
  return new IntelligentContextManager(config, { store }).applySync(s.g.input, opts);
}

const violationKeys = (input: MessagesInput) => pairViolations(input).map((v) => `${v.code}:${v.id ?? ''}`);

/** Every key of `after` occurs in `before` at least as often. */
function expectSubMultiset(after: string[], before: string[]) {
  const left = [...before];
  for (const k of after) {
    const i = left.indexOf(k);
    expect(i, `new violation ${k}`).toBeGreaterThanOrEqual(0);
    left.splice(i, 1);
  }
}

const firstIsUser = (input: MessagesInput) => {
  const first = viewOf(input, { tokenizer }).entries.find((e) => e.role !== 'system');
  return first === undefined || first.role === 'user';
};

async function checkInvariants(s: Scenario, valid: boolean) {
  const view = viewOf(s.g.input, { tokenizer });
  const input = view.conversation.messages;
  const tokens = view.totalTokens();
  const rules: Rules = { keepSystem: s.keepSystem, keepLastTurns: s.turns, frozen: s.frozen };
  const keep = mustKeep(view, rules);
  const protectedTokens = 3 + [...keep].reduce((n, i) => n + view.entryTokens(i), 0);
  // A marker message is about 40–60 tokens: budgets are spread over [protected + marker, whole].
  const floor = protectedTokens + 60;
  const budget = Math.max(0, Math.floor(floor + s.position * (tokens - floor)));
  const snapshot = structuredClone(s.g.input);
  const store = new SpyStore();
  const result = run(s, budget, store);

  expect(s.g.input).toEqual(snapshot);
  expect(result.tokensBefore).toBe(tokens);
  expect(result.tokensAfter).toBe(tokensOf(result.messages));
  expect(result.warnings.filter((w) => w.startsWith('failed:'))).toEqual([]);

  // 4. Under budget: the input itself, no marker, no CCR entry.
  if (tokens <= budget) {
    expect(result.messages).toBe(s.g.input);
    expect(store.puts).toEqual([]);
    return;
  }

  // 1. No new pair violation; none at all for valid input.
  if (valid) expect(pairViolations(result.messages)).toEqual([]);
  else expectSubMultiset(violationKeys(result.messages), violationKeys(s.g.input));
  if (valid) expect(result.warnings).not.toContain('pair_check_failed');

  // 2 and 9. Apart from one marker, the output is the input's own objects, in order, whole units.
  const out = messagesOf(result.messages);
  const markers = markerMessages(out);
  expect(markers.length).toBeLessThanOrEqual(1);
  const kept = out.filter((_, i) => i !== markers[0]?.at);
  const positions = kept.map((m) => input.indexOf(m as never));
  expect(positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1]!))).toBe(true);
  const present = new Set(positions);
  for (const u of view.units.filter((x) => x.first >= 0)) {
    const n = u.entries.filter((e) => present.has(e)).length;
    expect(n === 0 || n === u.entries.length, `unit ${u.entries} split`).toBe(true);
  }

  // 3. Protected messages present and identical; the frozen prefix in place; the system prompt as is.
  for (const i of keep) if (i >= 0) expect(present.has(i), `protected ${i} dropped`).toBe(true);
  for (let i = 0; i < Math.min(s.frozen, input.length); i++) expect(out[i]).toBe(input[i]);
  expect(toConversation(result.messages).system).toBe(view.conversation.system);

  // 5. Fits the budget, or says it does not; fits whenever the protected messages do.
  const unprotected = view.units.filter((u) => !u.entries.some((e) => keep.has(e)));
  if (result.overBudget) {
    expect(protectedTokens + MARKER_BOUND).toBeGreaterThan(budget);
    if (result.messages === s.g.input) {
      // Kept as is only when dropping everything droppable would not have made it smaller.
      const droppable = unprotected.reduce(
        (n, u) => n + u.entries.reduce((m, e) => m + view.entryTokens(e), 0),
        0,
      );
      expect(droppable).toBeLessThanOrEqual(MARKER_BOUND);
    } else {
      for (const u of unprotected) for (const e of u.entries) expect(present.has(e)).toBe(false);
    }
  } else {
    expect(result.tokensAfter).toBeLessThanOrEqual(budget);
  }

  // 6. RollingWindow's order: old tool outputs, then assistant text, then user text, then system.
  if (s.manager === 'rolling' && result.dropped.length > 0) {
    const dropped = new Set(result.dropped.map((d) => d.unit));
    const rank = { tool: 0, assistant: 1, user: 2, system: 3 };
    const worst = Math.max(...result.dropped.map((d) => rank[d.kind]));
    for (const u of unprotected) {
      if (rank[u.kind] < worst) expect(dropped.has(u.id), `kept ${u.kind} ${u.entries}`).toBe(true);
    }
    if (s.oldestFirst) {
      for (const d of result.dropped.filter((x) => x.kind === 'tool')) {
        for (const u of unprotected) {
          if (u.kind === 'tool' && u.first < d.wireIndexes[0]!) expect(dropped.has(u.id)).toBe(true);
        }
      }
    }
  }

  // 7. Round trip: the marker out, the stored messages back in, gives the input.
  if (result.dropped.length > 0) {
    expect(store.puts).toHaveLength(1);
    expect(markers[0]!.marker.omitted).toBe(result.plan.drop.length);
    expect(result.plan.drop).toEqual(result.dropped.flatMap((d) => d.wireIndexes).sort((a, b) => a - b));
    expect(await restore(result, store)).toEqual(input);
  } else {
    expect(markers).toEqual([]);
  }

  // 8. Opens with a user message whenever the input did.
  if (firstIsUser(s.g.input)) expect(firstIsUser(result.messages)).toBe(true);

  // 10. Deterministic: the same input and config give the same bytes.
  const again = run(s, budget, new SpyStore());
  expect(JSON.stringify(again)).toBe(JSON.stringify(result));
}

describe('invariants', () => {
  it(
    'hold for valid conversations in all three shapes',
    async () => {
      await fc.assert(
        fc.asyncProperty(scenarioArb(false), (s) => checkInvariants(s, true)),
        { numRuns: 300 },
      );
    },
    SLOW,
  );

  it(
    'hold for broken conversations (orphans, dangling calls, reused ids), never worse than the input',
    async () => {
      await fc.assert(
        fc.asyncProperty(scenarioArb(true), (s) => checkInvariants(s, false)),
        { numRuns: 200 },
      );
    },
    SLOW,
  );

  it(
    'hold for the async manager with a compressor and an embedder',
    async () => {
      const compressor: ContentCompressor = {
        async compress(text) {
          return {
            compressed: text.slice(0, Math.floor(text.length / 3)),
            strategyUsed: 'truncate',
            ccrHashes: [],
          };
        },
      };
      const embedder: Embedder = {
        async embed(texts) {
          return texts.map((t) => Float32Array.from([t.length % 7, t.length % 5, 1]));
        },
      };
      await fc.assert(
        fc.asyncProperty(
          anyConversationArb({ rich: true }),
          fc.double({ min: 0.5, max: 1.2, noNaN: true }),
          fc.nat(3),
          async (g, fraction, turns) => {
            const view = viewOf(g.input, { tokenizer });
            const budget = Math.floor(view.totalTokens() * fraction);
            const manager = () =>
              new IntelligentContextManager(
                { keepLastTurns: turns, compressThreshold: 0.3, compressAcceptRatio: 1 },
                { compressor, embedder, store: new SpyStore() },
              );
            const result = await manager().apply(g.input, { maxTokens: budget, tokenizer });
            expect(pairViolations(result.messages)).toEqual([]);
            expect(result.tokensAfter).toBe(tokensOf(result.messages));
            if (!result.overBudget) expect(result.tokensAfter).toBeLessThanOrEqual(budget);
            const keep = mustKeep(view, { keepSystem: true, keepLastTurns: turns, frozen: 0 });
            const out = messagesOf(result.messages);
            for (const i of keep) if (i >= 0) expect(out).toContain(view.conversation.messages[i]);
            if (result.strategy === 'compress_first') expect(result.dropped).toEqual([]);
            const again = await manager().apply(g.input, { maxTokens: budget, tokenizer });
            expect(JSON.stringify(again)).toBe(JSON.stringify(result));
          },
        ),
        { numRuns: 150 },
      );
    },
    SLOW,
  );

  it(
    'keep every score in [0, 1] and deterministic under random weights',
    () => {
      const weight = fc.double({ min: 0, max: 10, noNaN: true });
      const weightsArb = fc
        .record({
          recency: weight,
          semanticSimilarity: weight,
          toinImportance: weight,
          errorIndicator: weight,
          forwardReference: weight,
          tokenDensity: weight,
        })
        .filter((w) => Object.values(w).some((x) => x > 0));
      fc.assert(
        fc.property(
          anyConversationArb({ rich: true }),
          weightsArb,
          fc.double({ min: 0, max: 2, noNaN: true }),
          (g, weights, decay) => {
            const manager = new IntelligentContextManager(
              { keepLastTurns: 1, scoringWeights: weights, recencyDecayRate: decay },
              { store: new SpyStore() },
            );
            const opts = { maxTokens: Math.floor(tokensOf(g.input) / 2), tokenizer, explain: true };
            const result = manager.applySync(g.input, opts);
            for (const score of result.scores ?? []) {
              for (const v of Object.values(score)) expect(Number.isFinite(v)).toBe(true);
              expect(score.total).toBeGreaterThanOrEqual(0);
              expect(score.total).toBeLessThanOrEqual(1);
            }
            expect(JSON.stringify(manager.applySync(g.input, opts).scores)).toBe(
              JSON.stringify(result.scores),
            );
          },
        ),
        { numRuns: 100 },
      );
    },
    SLOW,
  );
});
