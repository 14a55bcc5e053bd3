import {
  estimateTokens,
  estimatingTokenizer,
  getTokenizer,
  hasMarker,
  MemoryCcrStore,
  parseMarkers,
} from '@headroom/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ContentRouter } from './content-router.js';
import type { CodeModule } from './optional.js';
import { elidingCodeModule } from './test-utils/eliding-code.js';
import { grepOutput, jsonItems, logOutput, prose, pythonSource } from './test-utils/samples.js';
import { CompressionStrategy } from './types.js';

const tokenizer = getTokenizer('gpt-4o');
const noCode = async () => undefined;
const router = (config = {}, store = new MemoryCcrStore()) =>
  new ContentRouter(config, { store, tokenizer, modules: { code: noCode, lingua: noCode } });

describe('ContentRouter.compress: strategy per type', () => {
  it.each([
    ['json', jsonItems(300), CompressionStrategy.SMART_CRUSHER],
    ['search', grepOutput(300), CompressionStrategy.SEARCH],
    ['log', logOutput(400), CompressionStrategy.LOG],
    ['text', prose(40), CompressionStrategy.TEXT],
  ])('%s goes to its compressor and its original to the store', async (_type, content, strategy) => {
    const store = new MemoryCcrStore();
    const r = await router({}, store).compress(content, { query: 'failed ERROR' });
    expect(r.strategyUsed).toBe(strategy);
    expect(r.routingLog).toHaveLength(1);
    expect(r.routingLog[0]).toMatchObject({ accepted: true, strategy });
    expect(r.tokensAfter).toBeLessThanOrEqual(0.85 * r.tokensBefore);
    const [hash] = r.ccrHashes;
    expect((await store.get(hash!))?.original).toBe(content);
    expect(parseMarkers(r.compressed)[0]?.hash).toBe(hash);
  });

  it('a git diff goes to the diff compressor', async () => {
    const hunks = Array.from({ length: 40 }, (_, i) =>
      [
        `diff --git a/src/f${i}.ts b/src/f${i}.ts`,
        `--- a/src/f${i}.ts`,
        `+++ b/src/f${i}.ts`,
        `@@ -${i * 10 + 1},7 +${i * 10 + 1},7 @@ export function f${i}() {`,
        '   const a = 1;',
        '   const b = 2;',
        '   const c = 3;',
        `-  return a + b + ${i};`,
        `+  return a + b + c + ${i};`,
        '   // end',
        '   // of',
        '   // hunk',
      ].join('\n'),
    ).join('\n');
    const r = await router().compress(hunks);
    expect(r.routingLog[0]).toMatchObject({ contentType: 'diff', strategy: CompressionStrategy.DIFF });
  });

  it.each([
    ['enableSearchCompression', grepOutput(300)],
    ['enableLogCompression', logOutput(400)],
  ])('%s: false sends the content to the default strategy', async (flag, content) => {
    const r = await router({ [flag]: false }).compress(content);
    expect(r.routingLog[0]!.strategy).toBe(CompressionStrategy.TEXT);
  });

  it("defaultStrategy 'passthrough' leaves prose alone", async () => {
    const r = await router({ defaultStrategy: 'passthrough' }).compress(prose(40));
    expect(r.compressed).toBe(prose(40));
    expect(r.strategyUsed).toBe(CompressionStrategy.PASSTHROUGH);
  });

  it('content under minSectionTokens passes through', async () => {
    const r = await router().compress(grepOutput(3));
    expect(r.routingLog[0]).toMatchObject({ strategy: 'passthrough', reason: 'below-min-tokens' });
  });

  it('content that already holds a marker passes through', async () => {
    const first = await router().compress(logOutput(400));
    const again = await router().compress(first.compressed);
    expect(again.compressed).toBe(first.compressed);
    expect(again.routingLog[0]!.reason).toBe('already-compressed');
  });
});

describe('acceptance and staging', () => {
  it('a lossy result that does not reach acceptRatio is rejected and leaves no CCR entry', async () => {
    const store = new MemoryCcrStore();
    const content = logOutput(400);
    const r = await router({ acceptRatio: 0.01 }, store).compress(content);
    expect(r.compressed).toBe(content);
    expect(r.routingLog[0]).toMatchObject({ accepted: false, strategy: 'passthrough' });
    expect(r.routingLog[0]!.reason).toMatch(/^rejected:ratio-0\.\d\d:log/);
    expect((await store.stats()).entries).toBe(0);
  });

  it('lossless mode never drops anything and stores nothing', async () => {
    const store = new MemoryCcrStore();
    const json = jsonItems(300);
    const r = await router({}, store).compress(json, { lossless: true });
    expect(hasMarker(r.compressed)).toBe(false);
    expect(r.compressed.length).toBeLessThan(json.length);
    expect(() => JSON.parse(r.compressed)).not.toThrow();
    const log = await router({}, store).compress(logOutput(400), { lossless: true });
    expect(log.strategyUsed).toBe('passthrough');
    expect((await store.stats()).entries).toBe(0);
  });

  it('routing-log token sums equal the result totals, measured', async () => {
    for (const content of [jsonItems(100), logOutput(300), prose(30)]) {
      const r = await router().compress(content);
      expect(r.routingLog.reduce((a, d) => a + d.tokensBefore, 0)).toBe(r.tokensBefore);
      expect(r.routingLog.reduce((a, d) => a + d.tokensAfter, 0)).toBe(r.tokensAfter);
      expect(r.tokensAfter).toBe(tokenizer.count(r.compressed));
      expect(r.tokensSaved).toBe(r.tokensBefore - r.tokensAfter);
    }
  });

  it('toolBias: the same grep output keeps more matches for Grep than for WebFetch', async () => {
    const content = grepOutput(600, 9);
    const headroom = { searchCompressor: { maxTotalMatches: 600, maxMatchesPerFile: 100 } };
    const kept = async (toolName: string) => {
      const r = new ContentRouter({}, { store: new MemoryCcrStore(), tokenizer, headroom });
      return (await r.compress(content, { toolName })).compressed.split('\n').length;
    };
    expect(await kept('Grep')).toBeGreaterThan(await kept('WebFetch'));
  });
});

describe('code and the optional packages', () => {
  it('code without @headroom/code passes through unchanged, never to TEXT', async () => {
    const code = pythonSource(30);
    const r = await router().compress(code);
    expect(r.compressed).toBe(code);
    expect(r.routingLog[0]).toMatchObject({ contentType: 'code', strategy: 'passthrough' });
    expect(r.routingLog[0]!.reason).toContain('code-aware-unavailable');
  });

  it('a code compressor that throws falls back to the original with the error recorded', async () => {
    const throwing: CodeModule = {
      CodeAwareCompressor: class {
        async compress(): Promise<never> {
          throw new Error('grammar exploded');
        }
        compressSync(): never {
          throw new Error('grammar exploded');
        }
        async warmup() {}
      },
    };
    const r = await new ContentRouter({}, { tokenizer, modules: { code: async () => throwing } }).compress(
      pythonSource(30),
    );
    expect(r.compressed).toBe(pythonSource(30));
    expect(r.routingLog[0]!.reason).toMatch(/error:code_aware/);
  });

  it('compressSync skips strategies it cannot run synchronously', () => {
    const r = router().compressSync(pythonSource(30));
    expect(r.routingLog[0]!.reason).toContain('code-aware-not-loaded');
    expect(router().compressSync(logOutput(400)).strategyUsed).toBe(CompressionStrategy.LOG);
  });

  it('numbered file reads keep their gutter on the lines that survive', async () => {
    const code = pythonSource(30);
    const numbered = code
      .split('\n')
      .map((l, i) => `${String(i + 1).padStart(6)}→${l}`)
      .join('\n');
    const store = new MemoryCcrStore();
    const r = await new ContentRouter(
      {},
      { store, tokenizer, modules: { code: async () => elidingCodeModule } },
    ).compress(numbered);
    expect(r.routingLog[0]).toMatchObject({ contentType: 'code', strategy: 'code_aware', accepted: true });
    const lines = r.compressed.split('\n');
    expect(lines[0]).toBe('     1→import os');
    expect(lines).toContain('     5→def handler_0(event: dict, context: Any) -> dict:');
    expect(lines.at(-1)).toMatch(/^# \[/); // the compressor's own line has no number
    expect((await store.get(r.ccrHashes[0]!))?.original).toBe(code);
  });
});

describe('mixed content', () => {
  const fenced = pythonSource(12);
  const json = jsonItems(120);
  const doc = [
    'The deployment failed on three hosts and the logs below show where it started to go wrong today.',
    'Here is the handler module that processes the events, followed by the orders the API returned back.',
    '',
    '```python',
    fenced,
    '```',
    '',
    json,
    '',
    'The next step is to retry the failed order and check whether the gateway timeout happens again later.',
  ].join('\n');

  it('prose, a fenced block and a JSON block are routed as sections; fences and separators survive', async () => {
    const r = await router().compress(doc, { query: 'failed' });
    expect(r.strategyUsed).toBe(CompressionStrategy.MIXED);
    expect(r.routingLog.map((d) => d.contentType)).toEqual(['text', 'code', 'text', 'json', 'text']);
    expect(r.compressed).toContain('```python\n');
    expect(r.compressed).toContain(`${fenced}\n\`\`\``);
    expect(r.compressed.startsWith(doc.slice(0, doc.indexOf('```python')))).toBe(true);
    expect(r.compressed.endsWith(doc.slice(doc.lastIndexOf('\n\nThe next step')))).toBe(true);
    const jsonDecision = r.routingLog[3]!;
    expect(jsonDecision).toMatchObject({ strategy: 'smart_crusher', accepted: true });
    expect(r.compressed).toContain('"failed"');
  });

  it('with mixedContent off the content is routed whole', async () => {
    const r = await router({ mixedContent: false }).compress(doc);
    expect(r.routingLog).toHaveLength(1);
  });

  it('a forced content type is routed whole, without detection', async () => {
    const r = await router().compress(doc, { contentType: 'text' });
    expect(r.routingLog).toHaveLength(1);
    expect(r.routingLog[0]).toMatchObject({ contentType: 'text', confidence: 1 });
  });
});

describe('forced content type', () => {
  it('sends content the detector reads otherwise to the forced compressor', async () => {
    const log = logOutput(400);
    expect((await router().compress(log)).routingLog[0]!.contentType).toBe('log');
    const r = await router().compress(log, { contentType: 'text' });
    expect(r.routingLog[0]).toMatchObject({ contentType: 'text', strategy: CompressionStrategy.TEXT });
  });

  it('forced JSON is parsed once and crushed; forced JSON that does not parse comes back unchanged', async () => {
    const json = jsonItems(300);
    const r = await router().compress(json, { contentType: 'json' });
    expect(r.routingLog[0]).toMatchObject({ strategy: CompressionStrategy.SMART_CRUSHER, accepted: true });
    const broken = `${json.slice(0, -1)},`;
    const b = await router().compress(broken, { contentType: 'json' });
    expect(b.compressed).toBe(broken);
    expect(b.routingLog[0]!.accepted).toBe(false);
  });

  it('forced code keeps a given language and guesses one otherwise', async () => {
    const languages: unknown[] = [];
    const Base = elidingCodeModule.CodeAwareCompressor;
    const recording: CodeModule = {
      CodeAwareCompressor: class extends Base {
        override async compress(text: string, opts?: { language?: string }) {
          languages.push(opts?.language);
          return super.compress(text);
        }
      },
    };
    const r = router({}, new MemoryCcrStore());
    const withCode = new ContentRouter(
      {},
      { ...r.deps, modules: { code: async () => recording, lingua: noCode } },
    );
    await withCode.compress(pythonSource(80), { contentType: 'code', language: 'go' });
    await withCode.compress(pythonSource(80), { contentType: 'code' });
    expect(languages).toEqual(['go', 'python']);
  });
});

describe('never throws', () => {
  it('for any string', async () => {
    const r = router({ minSectionTokens: 0 });
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 400 }), async (s) => {
        const out = await r.compress(s);
        expect(typeof out.compressed).toBe('string');
        if (out.strategyUsed === 'passthrough') expect(out.compressed).toBe(s);
      }),
      { numRuns: 200 },
    );
  });

  it('for values that are not strings (JavaScript callers)', async () => {
    for (const v of [null, undefined, 42, { a: 1 }]) {
      const r = await router().compress(v as unknown as string);
      expect(r.compressed).toBe(v);
      expect(r.routingLog[0]!.reason).toBe('not-a-string');
    }
  });

  it('for binary-looking content, a BOM before JSON and a huge single line', async () => {
    const binary = String.fromCharCode(...Array.from({ length: 4000 }, (_, i) => (i * 31) % 256));
    expect((await router().compress(binary)).compressed).toBe(binary);
    const bom = `\uFEFF${jsonItems(200)}`;
    const r = await router().compress(bom);
    expect(r.routingLog[0]!.contentType).toBe('json');
    const line = 'x'.repeat(2_000_000);
    expect((await router().compress(line)).compressed).toBe(line);
  });
});

describe('compressContent (the proxy, CLI and MCP entry)', () => {
  it('routes one content through a cached router and reports the committed hashes', async () => {
    const { compressContent } = await import('./compress-content.js');
    const store = new MemoryCcrStore();
    const r = await compressContent(logOutput(400), { store });
    expect(r).toMatchObject({ type: 'log', strategy: 'log' });
    expect(r.ccr).toHaveLength(1);
    expect((await store.get(r.ccr[0]!))?.original).toBe(logOutput(400));
  });

  it('decides and reports with the tokenizer it is given', async () => {
    const { compressContent } = await import('./compress-content.js');
    const json = jsonItems(300);
    const r = await compressContent(json, { store: new MemoryCcrStore(), tokenizer: estimatingTokenizer });
    expect(r.tokensBefore).toBe(estimateTokens(json));
    expect(r.tokensAfter).toBe(estimateTokens(r.compressed));
    expect(r.tokensAfter).toBeLessThan(r.tokensBefore / 2);
  });

  it('a deadline already past returns the original', async () => {
    const { compressContent } = await import('./compress-content.js');
    const r = await compressContent(logOutput(400), {
      store: new MemoryCcrStore(),
      deadline: Date.now() - 1,
    });
    expect(r.compressed).toBe(logOutput(400));
    expect(r.strategy).toBe('passthrough');
  });

  it("leaves no listener behind on the caller's signal", async () => {
    const { compressContent } = await import('./compress-content.js');
    const { EventEmitter } = await import('node:events');
    const signal = new AbortController().signal;
    for (let i = 0; i < 12; i++) {
      await compressContent(logOutput(40), {
        store: new MemoryCcrStore(),
        deadline: Date.now() + 10_000,
        signal,
      });
    }
    expect(EventEmitter.getEventListeners(signal, 'abort')).toHaveLength(0);
  });
});
