import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { HeadroomError, isHeadroomError } from '../errors.js';
import {
  CacheAlignerConfig,
  CcrConfig,
  ContentRouterConfig,
  HeadroomConfig,
  IntelligentContextConfig,
  intelligentConfigFromRollingWindow,
  parseConfig,
  RollingWindowConfig,
  ScoringWeights,
  SmartCrusherConfig,
  ToinConfig,
} from './index.js';

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

function sumOf(weights: ScoringWeights): number {
  return Object.values(weights).reduce((a, b) => a + b, 0);
}

describe('HeadroomConfig defaults', () => {
  const config = HeadroomConfig.parse({});

  it('fills the seed defaults of every package', () => {
    expect(config.tokenizer).toEqual({ engine: 'gpt-tokenizer', calibration: 1, cacheEntries: 10000 });
    expect(config.ccr).toEqual({
      enabled: true,
      ttlSeconds: 3600,
      maxEntries: 5000,
      maxBytes: 256 * 1024 * 1024,
      searchMaxResults: 20,
      searchThreshold: 0.3,
    });
    expect(config.pipeline).toEqual({ transformTimeoutMs: 2000, checkPairs: true, outputBufferTokens: 4000 });
    expect(config.memo).toEqual({ maxBytes: 64 * 1024 * 1024, maxEntries: 10000, ttlSeconds: 1800 });

    const sc = config.smartCrusher;
    expect(sc.minTokensToCrush).toBe(200);
    expect(sc.maxItemsAfterCrush).toBe(50);
    expect(sc.keepFirst).toBe(3);
    expect(sc.keepLast).toBe(2);
    expect(sc.relevanceThreshold).toBe(0.3);
    expect(sc.anomalyStdThreshold).toBe(2);
    expect(sc.preserveErrors).toBe(true);
    expect(sc.minItemsToCrush).toBe(9);
    expect(sc.lossless).toEqual({ enabled: true, minSavingsRatio: 0.15, preferWithin: 1.5 });
    expect(sc.mapCrush).toEqual({ enabled: true, minKeys: 20, uniformity: 0.8 });
    expect(sc.excludeTools).toEqual(['headroom_retrieve']);
    expect(sc.toinMode).toBe('advise');
    expect(sc.toinConfidenceThreshold).toBe(0.5);

    expect(config.searchCompressor.maxTotalMatches).toBe(30);
    expect(config.logCompressor.maxTotalLines).toBe(100);
    expect(config.diffCompressor.maxHunksPerFile).toBe(10);
    expect(config.textCompressor.sampleEveryNLines).toBe(10);
    expect(config.textCompressor.enableCcr).toBe(true);

    expect(config.cacheAligner.stablePrefixMinTokens).toBe(100);
    expect(config.cacheAligner.placement).toBe('end');
    expect(config.cacheAligner.tailSeparator).toBe('\n\n---\n');

    expect(config.rollingWindow.preserveRecentTurns).toBe(5);
    expect(config.rollingWindow.maxTokens).toBeUndefined();
    expect(config.intelligentContext.keepLastTurns).toBe(2);
    expect(config.intelligentContext.compressThreshold).toBe(0.1);
    expect(config.intelligentContext.errorPrior).toBe('values');

    expect(config.codeCompressor.targetCompressionRate).toBe(0.2);
    expect(config.codeCompressor.docstringMode).toBe('first-line');
    expect(config.codeCompressor.languageHint).toBeUndefined();
    expect(config.codeCompressor.maxInputBytes).toBe(2 * 1024 * 1024);

    expect(config.llmlingua.textCompressionRate).toBe(0.3);
    expect(config.llmlingua.codeCompressionRate).toBe(0.4);
    expect(config.llmlingua.jsonCompressionRate).toBe(0.35);
    expect(config.llmlingua.model).toBe('atjsh/llmlingua-2-js-tinybert-meetingbank');
    expect(config.embedding.model).toBe('Xenova/all-MiniLM-L6-v2');

    expect(config.contentRouter.defaultStrategy).toBe('text');
    expect(config.contentRouter.enableLlmlingua).toBe(false);
    expect(config.contentRouter.toolBias).toEqual({ Grep: 1.5, grep: 1.5, Bash: 1.0, WebFetch: 0.7 });
    expect(config.contentRouter.memo).toEqual({ enabled: true });
    expect(config.contentRouter.scope).toBe('all');

    expect(config.toin.backend).toBe('memory');
    expect(config.toin.tenant).toBe('default');
  });

  it('gives the seed scoring weights, summing to 1', () => {
    const w = config.intelligentContext.scoringWeights;
    expect(w).toEqual({
      recency: 0.2,
      semanticSimilarity: 0.2,
      toinImportance: 0.25,
      errorIndicator: 0.15,
      forwardReference: 0.15,
      tokenDensity: 0.05,
    });
    expect(sumOf(w)).toBeCloseTo(1, 12);
  });

  it('parses undefined sub-configs and undefined input through parseConfig', () => {
    expect(parseConfig(HeadroomConfig, undefined, 'headroom')).toEqual(config);
    expect(SmartCrusherConfig.parse({})).toEqual(config.smartCrusher);
  });

  it('never shares default arrays or records between parses', () => {
    const a = HeadroomConfig.parse({});
    const b = HeadroomConfig.parse({});
    a.smartCrusher.excludeTools.push('x');
    a.contentRouter.toolBias.extra = 2;
    expect(b.smartCrusher.excludeTools).toEqual(['headroom_retrieve']);
    expect(b.contentRouter.toolBias.extra).toBeUndefined();
  });

  it('keeps explicit overrides next to nested defaults', () => {
    const c = HeadroomConfig.parse({
      smartCrusher: { maxItemsAfterCrush: 15, lossless: { enabled: false } },
    });
    expect(c.smartCrusher.maxItemsAfterCrush).toBe(15);
    expect(c.smartCrusher.keepFirst).toBe(3);
    expect(c.smartCrusher.lossless).toEqual({ enabled: false, minSavingsRatio: 0.15, preferWithin: 1.5 });
  });
});

describe('validation', () => {
  it('rejects unknown keys at every level', () => {
    expect(HeadroomConfig.safeParse({ bogus: 1 }).success).toBe(false);
    expect(HeadroomConfig.safeParse({ smartCrusher: { max_items_after_crush: 15 } }).success).toBe(false);
    expect(SmartCrusherConfig.safeParse({ lossless: { enable: true } }).success).toBe(false);
    expect(ContentRouterConfig.safeParse({ memo: { enabled: true, maxBytes: 1 } }).success).toBe(false);
    const error = catchError(() =>
      parseConfig(HeadroomConfig, { smartCrusher: { keepFrist: 3 } }, 'headroom'),
    );
    expect(isHeadroomError(error, 'INVALID_CONFIG')).toBe(true);
    expect((error as HeadroomError).message).toBe(
      'Invalid headroom config: smartCrusher.keepFrist: unrecognized key',
    );
  });

  it('throws INVALID_CONFIG naming the nested field path', () => {
    const error = catchError(() =>
      parseConfig(HeadroomConfig, { smartCrusher: { maxItemsAfterCrush: '50' } }, 'headroom'),
    );
    expect(error).toBeInstanceOf(HeadroomError);
    expect((error as HeadroomError).code).toBe('INVALID_CONFIG');
    expect((error as HeadroomError).message).toBe(
      'Invalid headroom config: smartCrusher.maxItemsAfterCrush: expected number, received string',
    );
  });

  it('names a top-level field and joins several issues with "; "', () => {
    const one = catchError(() =>
      parseConfig(SmartCrusherConfig, { maxItemsAfterCrush: 'x' }, 'smartCrusher'),
    );
    expect((one as HeadroomError).message).toBe(
      'Invalid smartCrusher config: maxItemsAfterCrush: expected number, received string',
    );
    const two = catchError(() =>
      parseConfig(SmartCrusherConfig, { keepFirst: -1, relevanceThreshold: 2 }, 'smartCrusher'),
    );
    const message = (two as HeadroomError).message;
    expect(message).toMatch(/^Invalid smartCrusher config: keepFirst: .+; relevanceThreshold: .+$/);
  });

  it('rejects a non-object config', () => {
    const error = catchError(() => parseConfig(CcrConfig, 'yes', 'ccr'));
    expect((error as HeadroomError).message).toBe('Invalid ccr config: expected object, received string');
  });

  it('enforces ttlSeconds ≥ 60 and integers', () => {
    expect(CcrConfig.safeParse({ ttlSeconds: 59 }).success).toBe(false);
    expect(CcrConfig.safeParse({ ttlSeconds: 60 }).success).toBe(true);
    expect(CcrConfig.safeParse({ ttlSeconds: 60.5 }).success).toBe(false);
    const error = catchError(() => parseConfig(HeadroomConfig, { ccr: { ttlSeconds: 59 } }, 'headroom'));
    expect((error as HeadroomError).message).toMatch(/^Invalid headroom config: ccr\.ttlSeconds: /);
  });

  it('rejects out-of-range ratios and non-finite numbers', () => {
    expect(SmartCrusherConfig.safeParse({ relevanceThreshold: 1.1 }).success).toBe(false);
    expect(SmartCrusherConfig.safeParse({ anomalyStdThreshold: Number.POSITIVE_INFINITY }).success).toBe(
      false,
    );
    expect(SmartCrusherConfig.safeParse({ maxItemsAfterCrush: 0 }).success).toBe(false);
    expect(SmartCrusherConfig.safeParse({ keepFirst: 0 }).success).toBe(true);
  });

  it('checks enums and aligner custom patterns', () => {
    expect(CacheAlignerConfig.safeParse({ placement: 'start' }).success).toBe(false);
    expect(
      CacheAlignerConfig.safeParse({ customPatterns: [{ name: 'ticket', pattern: 'T-\\d+' }] }).success,
    ).toBe(true);
    const error = catchError(() =>
      parseConfig(CacheAlignerConfig, { customPatterns: [{ name: 'bad', pattern: '(' }] }, 'cacheAligner'),
    );
    expect((error as HeadroomError).message).toMatch(
      /customPatterns\.0\.pattern: invalid regular expression/,
    );
  });
});

describe('scoring weights', () => {
  it('normalizes to sum 1 keeping proportions', () => {
    const w = ScoringWeights.parse({
      recency: 2,
      semanticSimilarity: 2,
      toinImportance: 2,
      errorIndicator: 2,
      forwardReference: 1,
      tokenDensity: 1,
    });
    expect(sumOf(w)).toBeCloseTo(1, 12);
    expect(w.recency).toBeCloseTo(0.2, 12);
    expect(w.tokenDensity).toBeCloseTo(0.1, 12);
  });

  it('normalizes inside IntelligentContextConfig, partial overrides included', () => {
    const c = IntelligentContextConfig.parse({ scoringWeights: { recency: 1.2 } });
    expect(sumOf(c.scoringWeights)).toBeCloseTo(1, 12);
    expect(c.scoringWeights.recency).toBeCloseTo(0.6, 12);
  });

  it('survives huge weights without overflowing', () => {
    const w = ScoringWeights.parse({
      recency: Number.MAX_VALUE,
      semanticSimilarity: Number.MAX_VALUE,
      toinImportance: 0,
      errorIndicator: 0,
      forwardReference: 0,
      tokenDensity: 0,
    });
    expect(w.recency).toBeCloseTo(0.5, 12);
    expect(sumOf(w)).toBeCloseTo(1, 12);
  });

  it('rejects all-zero and negative weights with an issue on scoringWeights', () => {
    const zeros = {
      recency: 0,
      semanticSimilarity: 0,
      toinImportance: 0,
      errorIndicator: 0,
      forwardReference: 0,
      tokenDensity: 0,
    };
    expect(ScoringWeights.safeParse(zeros).success).toBe(false);
    const error = catchError(() =>
      parseConfig(IntelligentContextConfig, { scoringWeights: zeros }, 'intelligentContext'),
    );
    expect(isHeadroomError(error, 'INVALID_CONFIG')).toBe(true);
    expect((error as HeadroomError).message).toMatch(/^Invalid intelligentContext config: scoringWeights: /);
    const negative = catchError(() =>
      parseConfig(IntelligentContextConfig, { scoringWeights: { recency: -0.1 } }, 'intelligentContext'),
    );
    expect((negative as HeadroomError).message).toMatch(/scoringWeights\.recency: /);
  });
});

describe('intelligentConfigFromRollingWindow', () => {
  it('maps the keep rules and the budget', () => {
    const rw = RollingWindowConfig.parse({
      maxTokens: 100000,
      preserveSystem: false,
      preserveRecentTurns: 3,
      outputBufferTokens: 1000,
    });
    const ic = intelligentConfigFromRollingWindow(rw);
    expect(ic.keepSystem).toBe(false);
    expect(ic.keepLastTurns).toBe(3);
    expect(ic.maxTokens).toBe(100000);
    expect(ic.outputBufferTokens).toBe(1000);
    expect(ic.useImportanceScoring).toBe(true);
    expect(sumOf(ic.scoringWeights)).toBeCloseTo(1, 12);
  });

  it('leaves maxTokens unset when the window has none', () => {
    const ic = intelligentConfigFromRollingWindow(RollingWindowConfig.parse({}));
    expect(ic.maxTokens).toBeUndefined();
    expect(ic.keepLastTurns).toBe(5);
    expect(ic.keepSystem).toBe(true);
  });
});

describe('toin storagePath', () => {
  const saved = process.env.HEADROOM_TOIN_PATH;
  afterEach(() => {
    if (saved === undefined) delete process.env.HEADROOM_TOIN_PATH;
    else process.env.HEADROOM_TOIN_PATH = saved;
  });

  it('reads HEADROOM_TOIN_PATH at parse time', () => {
    process.env.HEADROOM_TOIN_PATH = '/tmp/a/toin.json';
    expect(ToinConfig.parse({}).storagePath).toBe('/tmp/a/toin.json');
    process.env.HEADROOM_TOIN_PATH = '/tmp/b/toin.json';
    expect(HeadroomConfig.parse({}).toin.storagePath).toBe('/tmp/b/toin.json');
  });

  it('defaults to ~/.headroom/toin.json and yields to an explicit path', () => {
    delete process.env.HEADROOM_TOIN_PATH;
    expect(ToinConfig.parse({}).storagePath).toMatch(/[/\\]\.headroom[/\\]toin\.json$/);
    process.env.HEADROOM_TOIN_PATH = '/tmp/env.json';
    expect(ToinConfig.parse({ storagePath: '/x/y.json' }).storagePath).toBe('/x/y.json');
  });
});

describe('idempotence (configs are fingerprinted)', () => {
  const ratioArb = fc.double({ min: 0, max: 1, noNaN: true });
  const weightArb = fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true });

  const inputArb = fc.record(
    {
      ccr: fc.record(
        { ttlSeconds: fc.integer({ min: 60, max: 1e7 }), searchThreshold: ratioArb },
        { requiredKeys: [] },
      ),
      smartCrusher: fc.record(
        {
          maxItemsAfterCrush: fc.integer({ min: 1, max: 1000 }),
          keepFirst: fc.nat(100),
          relevanceThreshold: ratioArb,
          anomalyStdThreshold: fc.double({ min: 0.01, max: 10, noNaN: true }),
          lossless: fc.record({ minSavingsRatio: ratioArb }, { requiredKeys: [] }),
        },
        { requiredKeys: [] },
      ),
      rollingWindow: fc.record(
        { maxTokens: fc.integer({ min: 1, max: 2_000_000 }), preserveRecentTurns: fc.nat(50) },
        { requiredKeys: [] },
      ),
      intelligentContext: fc.record(
        {
          recencyDecayRate: fc.double({ min: 0, max: 5, noNaN: true }),
          scoringWeights: fc
            .record(
              {
                recency: weightArb,
                semanticSimilarity: weightArb,
                toinImportance: weightArb,
                errorIndicator: weightArb,
                forwardReference: weightArb,
                tokenDensity: weightArb,
              },
              { requiredKeys: [] },
            )
            .map((w) => ({ ...w, recency: (w.recency ?? 0) + 1e-3 })),
        },
        { requiredKeys: [] },
      ),
      llmlingua: fc.record(
        { textCompressionRate: ratioArb, chunkTokens: fc.integer({ min: 1, max: 4096 }) },
        {
          requiredKeys: [],
        },
      ),
    },
    { requiredKeys: [] },
  );

  it('HeadroomConfig.parse(HeadroomConfig.parse(x)) equals HeadroomConfig.parse(x)', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const once = HeadroomConfig.parse(input);
        const twice = HeadroomConfig.parse(once);
        expect(twice).toStrictEqual(once);
        expect(sumOf(once.intelligentContext.scoringWeights)).toBeCloseTo(1, 9);
      }),
      { numRuns: 300 },
    );
  });

  it('ScoringWeights normalization is idempotent for arbitrary positive weights', () => {
    const anyWeight = fc.double({ min: 0, max: Number.MAX_VALUE, noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(
        fc
          .tuple(anyWeight, anyWeight, anyWeight, anyWeight, anyWeight, anyWeight)
          .filter((ws) => ws.some((w) => w > 0)),
        ([recency, semanticSimilarity, toinImportance, errorIndicator, forwardReference, tokenDensity]) => {
          const once = ScoringWeights.parse({
            recency,
            semanticSimilarity,
            toinImportance,
            errorIndicator,
            forwardReference,
            tokenDensity,
          });
          expect(ScoringWeights.parse(once)).toStrictEqual(once);
        },
      ),
      { numRuns: 500 },
    );
  });
});
