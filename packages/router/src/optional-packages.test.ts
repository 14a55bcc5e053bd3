/**
 * The router with the real optional packages installed: @headroom/lingua with a generated tiny
 * model (loaded through the same code path as a real LLMLingua-2 export), and TOIN learning from
 * the default pipeline.
 */
import { getTokenizer, MemoryCcrStore } from '@headroom/core';
import { assistant, toolCall, toolResult, user } from '@headroom/core/test-utils';
import { prose as linguaProse, type TinyModel, writeTinyLinguaModel } from '@headroom/lingua/test-utils';
import { Toin } from '@headroom/toin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compress } from './compress.js';
import { ContentRouter } from './content-router.js';
import { isLlmlinguaAvailable } from './optional.js';
import { jsonItems, logOutput } from './test-utils/samples.js';

const tokenizer = getTokenizer('gpt-4o');

describe('enableLlmlingua with a tiny generated model', () => {
  let tiny: TinyModel;
  beforeAll(async () => {
    tiny = await writeTinyLinguaModel();
  });
  afterAll(() => tiny.cleanup());

  const router = () =>
    new ContentRouter(
      { enableLlmlingua: true },
      {
        store: new MemoryCcrStore(),
        tokenizer,
        headroom: { llmlingua: { model: tiny.dir, allowRemoteModels: false, acceptRatio: 0.95 } },
      },
    );

  it('@headroom/lingua is found by the dynamic import', async () => {
    expect(await isLlmlinguaAvailable()).toBe(true);
  });

  it('prose goes to LLMLINGUA; JSON still goes to SmartCrusher', async () => {
    const r = router();
    const prose = await r.compress(linguaProse(600));
    expect(prose.routingLog[0]).toMatchObject({ contentType: 'text', strategy: 'llmlingua', accepted: true });
    expect(prose.tokensAfter).toBeLessThan(prose.tokensBefore);
    const json = await r.compress(jsonItems(200));
    expect(json.routingLog[0]).toMatchObject({ contentType: 'json', strategy: 'smart_crusher' });
  });

  it('compressSync never picks LLMLINGUA', () => {
    const r = router().compressSync(linguaProse(600));
    expect(r.routingLog[0]!.strategy).not.toBe('llmlingua');
  });
});

describe('TOIN through the default pipeline', () => {
  it('records non-JSON compressions and hears about retrievals of their originals', async () => {
    const toin = new Toin({ minSamplesForRecommendation: 1 });
    const store = new MemoryCcrStore();
    const conversation = (n: number) => [
      user('what failed?'),
      toolCall(`c${n}`, 'Bash', { command: 'cat app.log' }),
      toolResult(`c${n}`, logOutput(400 + n)),
      assistant('Looking.'),
      user('and now?'),
    ];
    const results = [];
    for (let n = 0; n < 3; n++) results.push(await compress(conversation(n), { store, toin }));
    for (const hash of results.flatMap((r) => r.ccrHashes)) await store.search(hash, 'ERROR');
    toin.publishSnapshot();
    const entry = await store.get(results[0]!.ccrHashes[0]!);
    const pattern = toin.pattern(entry!.signature!);
    expect(pattern).toMatchObject({ compressions: 3 });
    expect(pattern!.retrievals).toBeGreaterThanOrEqual(3);
  });
});
