import { defineSuite, prng, type Suite } from '@headroom/bench';
import { getTokenizer, MemoryCcrStore } from '@headroom/core';
import { linguaConfig } from '../src/config.js';
import { ForceWords } from '../src/force-words.js';
import {
  isLlmlinguaModelLoaded,
  LLMLinguaCompressor,
  loadLlmlinguaModel,
  unloadLlmlinguaModel,
} from '../src/index.js';
import { linguaModel } from '../src/lingua-model.js';
import { planText, realize } from '../src/plan.js';
import { prose, writeTinyLinguaModel } from '../src/test-utils/index.js';

const tokenizer = getTokenizer('gpt-4o');
const QUERY = 'what did the team decide about the database outage';

/** Prose of about `tokens` o200k tokens. */
function sized(tokens: number, seed: number): string {
  let words = Math.round(tokens * 0.8);
  for (let i = 0; i < 3; i++) words = Math.round((words * tokens) / tokenizer.count(prose(words, seed)));
  return prose(words, seed);
}

const label = (tokens: number) => `${tokens.toLocaleString('en-US')} tokens of prose`;

/** Everything but inference, on warm word-id caches: what Headroom adds around the model. */
function overhead(tokens: number): Suite {
  return defineSuite(
    {
      name: `Non-model overhead per call (segment, word ids, chunks, select, rebuild), ${label(tokens)}`,
      setup: async () => {
        const tiny = await writeTinyLinguaModel();
        const model = await linguaModel(linguaConfig({ model: tiny.dir, allowRemoteModels: false }));
        const text = sized(tokens, tokens);
        const force = new ForceWords([], QUERY, 10);
        const plan = () => planText(text, model.words, force, { protectCustomTags: true, capacity: 510 });
        const rand = prng(7);
        const probs = Float32Array.from(plan().costs, () => rand());
        return { tiny, model, text, force, plan, probs };
      },
      teardown: async ({ tiny }) => {
        await unloadLlmlinguaModel();
        await tiny.cleanup();
      },
    },
    (s, { text, plan, probs }) => {
      const bytes = Buffer.byteLength(text);
      s.baseline('split on whitespace and join (the floor)', () => text.split(/(\s+)/).join(''), { bytes });
      s.add('segment + word ids + chunks', plan, { bytes });
      s.add('… + select at rate 0.3 + rebuild', () => realize(plan(), probs, 0.3, true), { bytes });
    },
  );
}

/** The whole call with the generated model: overhead plus tiny inference, CCR and marker. */
function fullCompress(tokens: number): Suite {
  return defineSuite(
    {
      name: `LLMLinguaCompressor.compress, tiny generated model, ${label(tokens)}`,
      minTimeMs: 1500,
      setup: async () => {
        const tiny = await writeTinyLinguaModel();
        const compressor = new LLMLinguaCompressor(
          { model: tiny.dir, allowRemoteModels: false },
          { store: new MemoryCcrStore(), tokenizer, log: () => {} },
        );
        const text = sized(tokens, tokens + 1);
        const result = await compressor.compress(text, { query: QUERY });
        if (!result.wasModified) throw new Error(`not compressed: ${result.reason}`);
        return { tiny, compressor, text, result };
      },
      teardown: async ({ tiny }) => {
        await unloadLlmlinguaModel();
        await tiny.cleanup();
      },
    },
    (s, { compressor, text, result }) => {
      s.add('compress (rate 0.3, query words forced)', () => compressor.compress(text, { query: QUERY }), {
        bytes: Buffer.byteLength(text),
        measure: () => ({ before: result.tokensBefore, after: result.tokensAfter }),
      });
    },
  );
}

const loadSuite = defineSuite(
  {
    name: 'Model load and unload, tiny generated model (transformers.js already imported)',
    minRuns: 10,
    minTimeMs: 1500,
    setup: async () => {
      const tiny = await writeTinyLinguaModel();
      const config = { model: tiny.dir, allowRemoteModels: false };
      await loadLlmlinguaModel(config);
      await unloadLlmlinguaModel();
      return { tiny, config };
    },
    teardown: ({ tiny }) => tiny.cleanup(),
  },
  (s, { config }) => {
    s.add('loadLlmlinguaModel + test inference, then unloadLlmlinguaModel', async () => {
      await loadLlmlinguaModel(config);
      if (!isLlmlinguaModelLoaded()) throw new Error('not loaded');
      await unloadLlmlinguaModel();
    });
  },
);

/** Only with real weights: `HEADROOM_LINGUA_MODEL=/path/to/export pnpm bench lingua`. */
function realModel(dir: string): Suite {
  return defineSuite(
    {
      name: `Real model (${dir}), CPU`,
      minRuns: 5,
      minTimeMs: 3000,
      setup: async () => {
        const compressor = new LLMLinguaCompressor(
          { model: dir, device: 'cpu', allowRemoteModels: false, timeoutMs: 600_000 },
          { store: new MemoryCcrStore(), tokenizer },
        );
        const chunk = sized(380, 3);
        const page = sized(5_000, 4);
        for (const text of [chunk, page]) {
          const r = await compressor.compress(text);
          if (!r.wasModified) throw new Error(`not compressed: ${r.reason}`);
        }
        return { compressor, chunk, page };
      },
      teardown: () => unloadLlmlinguaModel(),
    },
    (s, { compressor, chunk, page }) => {
      s.add('one ~512-model-token chunk', () => compressor.compress(chunk));
      s.add(label(5_000), () => compressor.compress(page));
    },
  );
}

const real = process.env.HEADROOM_LINGUA_MODEL;
export default [
  overhead(1_000),
  overhead(10_000),
  fullCompress(1_000),
  fullCompress(10_000),
  loadSuite,
  ...(real ? [realModel(real)] : []),
];
