import { MemoryCcrStore } from '@headroom/core';
import { describe, expect, it } from 'vitest';
import { countNeedles } from './needles.js';
import { SCENARIOS } from './scenarios/index.js';

describe('countNeedles', () => {
  it('counts kept, recoverable (only in a stored original) and lost needles', async () => {
    const store = new MemoryCcrStore();
    const hash = store.put({
      original: 'alpha beta gamma',
      kind: 'text',
      strategy: 'text',
      unit: 'lines',
      omitted: 1,
      total: 2,
    });
    const count = await countNeedles(['alpha', 'beta', 'delta'], 'alpha <<ccr:x>>', [hash], store);
    expect(count).toEqual({ kept: 1, recoverable: 1, lost: 1 });
  });

  it('a compressor that drops a needle without storing it loses it', async () => {
    const s = SCENARIOS[0]?.();
    if (!s) throw new Error('no scenario');
    const needle = s.needles[0] as string;
    const dropped = s.text.replaceAll(needle, '');
    const count = await countNeedles(s.needles, dropped, [], new MemoryCcrStore());
    expect(count.lost).toBe(1);
  });

  it('scenarios are deterministic and plant their needles', () => {
    for (const make of SCENARIOS) {
      const a = make();
      expect(make().text).toBe(a.text);
      for (const needle of a.needles) expect(a.text, `${a.name}: ${needle}`).toContain(needle);
    }
  });
});
