import { defineSuite, type Suite } from '@headroom/bench';
import { getTokenizer, parseJson, stringifyCompact } from '@headroom/core';
import { searchResults } from './search-results.js';
import { tauBenchJsonToolOutputs } from './tau-bench.js';

/**
 * The baseline of every JSON compressor: JSON.parse + JSON.stringify (minify), beside Headroom's
 * lossless path (parseJson + stringifyCompact keeps every number lexeme). Reduction is in o200k tokens.
 */
function roundTrip(name: string, inputs: () => string[], check: (texts: string[]) => void = () => {}): Suite {
  return defineSuite(
    {
      name,
      setup() {
        const texts = inputs();
        check(texts);
        const tokenizer = getTokenizer('gpt-4o');
        const tokens = (outputs: string[]) => outputs.reduce((n, t) => n + tokenizer.count(t), 0);
        const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
        return { texts, bytes, tokens };
      },
    },
    (s, { texts, bytes, tokens }) => {
      const native = () => texts.map((t) => JSON.stringify(JSON.parse(t)));
      const lossless = () => texts.map((t) => stringifyCompact(parseJson(t)));
      const measure = (run: () => string[]) => () => ({ before: tokens(texts), after: tokens(run()) });
      s.baseline('JSON.parse + JSON.stringify', native, { bytes, measure: measure(native) });
      s.add('parseJson + stringifyCompact (lossless)', lossless, { bytes, measure: measure(lossless) });
    },
  );
}

/** Both paths produce the same values. */
function sameOutputs(texts: string[]): void {
  for (const t of texts) {
    // Same values; the lossless text may differ only where it keeps a lexeme (`255.0`, `1e5`).
    const lossless = stringifyCompact(parseJson(t));
    if (JSON.stringify(JSON.parse(lossless)) !== JSON.stringify(JSON.parse(t))) {
      throw new Error(`Lossless round trip changed a value in: ${t.slice(0, 80)}`);
    }
  }
}

/** The lossless path keeps every 19-digit id byte for byte. */
function idsKept([text = '']: string[]): void {
  const out = stringifyCompact(parseJson(text));
  for (const [, id] of text.matchAll(/"id": (\d+)/g)) {
    if (!out.includes(`"id":${id},`)) throw new Error(`Lossless round trip lost id ${id}`);
  }
}

export default [
  roundTrip('JSON round trip: tau-bench tool outputs', tauBenchJsonToolOutputs, sameOutputs),
  roundTrip('JSON round trip: 1,000 search results (indented)', () => [searchResults(1000)], sameOutputs),
  roundTrip(
    'JSON round trip: 1,000 search results with 64-bit ids',
    () => [searchResults(1000, { bigIds: true })],
    idsKept,
  ),
];
