import { defineSuite } from '@headroom/bench';
import { getTokenizer, type Tokenizer } from '@headroom/core';
import { mixedCorpus } from './corpus.js';

// cacheEntries: 0 turns off the memo of long strings, so every run counts with the engine itself.
const engines = (model: string) => ({
  reference: getTokenizer(model, { engine: 'tiktoken', cacheEntries: 0 }),
  fast: getTokenizer(model, { engine: 'gpt-tokenizer', cacheEntries: 0 }),
});

const countAll = (t: Tokenizer, chunks: readonly string[]) => {
  let n = 0;
  for (const chunk of chunks) n += t.count(chunk);
  return n;
};

/** gpt-tokenizer must count exactly like tiktoken, chunk by chunk. */
function assertSameCounts({ reference, fast }: ReturnType<typeof engines>, chunks: readonly string[]): void {
  chunks.forEach((chunk, i) => {
    const [want, got] = [reference.count(chunk), fast.count(chunk)];
    if (want !== got) {
      throw new Error(
        `${fast.id} counts chunk ${i} as ${got} tokens, ${reference.id} as ${want}: ${chunk.slice(0, 80)}`,
      );
    }
  });
}

export default defineSuite(
  {
    name: 'Token counting (1 MB mixed corpus)',
    minRuns: 20,
    warmupRuns: 2,
    setup() {
      const corpus = mixedCorpus();
      const encodings = [
        { label: 'o200k', ...engines('gpt-4o') },
        { label: 'cl100k', ...engines('gpt-4') },
      ];
      for (const e of encodings) assertSameCounts(e, corpus.chunks);
      return { corpus, encodings };
    },
  },
  (s, { corpus: { chunks, bytes }, encodings }) => {
    for (const { label, reference, fast } of encodings) {
      s.baseline(`tiktoken ${label}`, () => countAll(reference, chunks), { bytes });
      s.add(`gpt-tokenizer ${label} (default)`, () => countAll(fast, chunks), { bytes });
    }
  },
);
