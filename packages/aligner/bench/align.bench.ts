import { CacheAligner, detectDynamic, stablePrefixHash } from '@headroom/aligner';
import { defineSuite } from '@headroom/bench';
import { contentHash, getTokenizer } from '@headroom/core';
import { prose, systemPrompt } from './prompts.js';

// More distinct prompts than the aligner's 256-entry memo, so every "miss" call really misses.
const DAYS = 1000;

const chat = (system: string) => [
  { role: 'system', content: system },
  { role: 'user', content: 'Card authorizations are failing in eu-west since 10:02, what do I check first?' },
];

const align = defineSuite(
  {
    name: 'CacheAligner.align: 2k-token system prompt (~8 KB)',
    setup() {
      const requests = Array.from({ length: DAYS }, (_, day) => chat(systemPrompt(day)));
      const tokens = getTokenizer('gpt-4o').count(requests[0]![0]!.content);
      if (tokens < 1800 || tokens > 2300)
        throw new Error(`the bench prompt has ${tokens} tokens, not ~2,000`);
      const check = new CacheAligner().align(requests[0]!);
      if (check.spans.length !== 3 || check.mode !== 'rewrite')
        throw new Error('the bench prompt did not align');
      const fresh = Array.from({ length: DAYS }, (_, day) => chat(systemPrompt(day, day)));
      return { requests, fresh, bytes: Buffer.byteLength(requests[0]![0]!.content) };
    },
  },
  (s, { requests, fresh, bytes }) => {
    const first = requests[0]!;
    s.baseline('contentHash of the prompt (one SHA-256)', () => contentHash(first[0]!.content), { bytes });
    const hit = new CacheAligner();
    s.add('align, memo hit (same prompt)', () => hit.align(first), { bytes });
    const miss = new CacheAligner();
    let day = 0;
    s.add('align, memo miss (new date, same stable prefix)', () => miss.align(requests[day++ % DAYS]!), {
      bytes,
    });
    // A stable prefix never seen before (a static line differs too), counted with BPE on every call.
    const cold = new CacheAligner({}, { tokenizer: getTokenizer('gpt-4o', { cacheEntries: 0 }) });
    let coldDay = 0;
    s.add('align, new stable prefix (BPE count included)', () => cold.align(fresh[coldDay++ % DAYS]!), {
      bytes,
    });
    s.add('stablePrefixHash only (memoized)', () => stablePrefixHash(first), { bytes });
  },
);

const detect = defineSuite(
  {
    name: 'detectDynamic: 100 KB of prose',
    setup() {
      const text = prose();
      const spans = detectDynamic(text).length;
      if (spans < 20) throw new Error(`expected dated statements in the prose, found ${spans}`);
      return { text, bytes: Buffer.byteLength(text) };
    },
  },
  (s, { text, bytes }) => {
    s.baseline('one regex pass over the text (/\\d+/g)', () => text.match(/\d+/g)?.length, { bytes });
    s.add('detectDynamic (protect, detect, rewrite, hash)', () => detectDynamic(text), { bytes });
  },
);

export default [align, detect];
