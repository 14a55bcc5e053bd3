import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { detectContentType } from './detect.js';
import type { ContentType, SourceHints } from './types.js';

interface Sample {
  type: ContentType;
  source: string;
  text: string;
  language?: string;
  hints?: SourceHints;
}

const corpus: Sample[] = JSON.parse(
  readFileSync(new URL('./__fixtures__/detection-corpus.json', import.meta.url), 'utf8'),
);
const TYPES = [...new Set(corpus.map((s) => s.type))].sort();

describe('detection corpus (real outputs and files; see __fixtures__/SOURCE.md)', () => {
  const results = corpus.map((s) => ({ sample: s, got: detectContentType(s.text, s.hints) }));

  test('at least 15 samples per type', () => {
    for (const t of TYPES) expect(corpus.filter((s) => s.type === t).length).toBeGreaterThanOrEqual(15);
  });

  test.each(TYPES)('accuracy ≥ 95%% for %s', (type) => {
    const mine = results.filter((r) => r.sample.type === type);
    const wrong = mine
      .filter((r) => r.got.type !== type)
      .map((r) => `${r.sample.source} → ${r.got.type} (${r.got.reason})`);
    expect(wrong, wrong.join('\n')).toHaveLength(Math.min(wrong.length, Math.floor(mine.length * 0.05)));
  });

  test('code samples name their language', () => {
    const wrong = results
      .filter(
        (r) => r.sample.type === 'code' && r.got.type === 'code' && r.got.language !== r.sample.language,
      )
      .map((r) => `${r.sample.source}: ${r.got.language}`);
    expect(wrong).toEqual([]);
  });

  test("the README's confusion table is what the detector does", () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const t of TYPES) {
      const mine = results.filter((r) => r.sample.type === t);
      const cells = TYPES.map((u) => mine.filter((r) => r.got.type === u).length).join(' | ');
      expect(readme).toContain(`| ${t} (${mine.length}) | ${cells} |`);
    }
  });
});
