import { MemoryCcrStore } from '@headroom/core';
import { describe, expect, it } from 'vitest';
import { markdown } from '../__fixtures__/text-generators.js';
import { TextCompressor } from './text-compressor.js';

describe('TextCompressor query parts', () => {
  it('one compressor asked many queries in turn answers each as a fresh one does', () => {
    const text = markdown(400).join('\n');
    const queries = [
      'incident 4411',
      '',
      'what happened at incident 4411',
      'Section 7',
      'incident 4411',
      'rollout',
    ];
    for (const config of [{}, { anchorKeywords: ['Rollout'] }]) {
      const shared = new TextCompressor(config, { store: new MemoryCcrStore() });
      for (const query of [...queries, ...[...queries].reverse()]) {
        const fresh = new TextCompressor(config, { store: new MemoryCcrStore() }).compress(text, { query });
        expect(shared.compress(text, { query })).toEqual(fresh);
      }
    }
  });

  it('an anchor keyword keeps its line whatever the query', () => {
    const lines = markdown(400);
    const at = lines.findIndex((l) => l.startsWith('The rollout'));
    const c = new TextCompressor({ anchorKeywords: ['ROLLOUT'] }, { store: new MemoryCcrStore() });
    for (const query of ['', 'Section 3', ''])
      expect(c.compress(lines.join('\n'), { query }).compressed).toContain(lines[at]);
  });
});
