import { LLMLinguaConfig } from '@headroom/core';
import { describe, expect, it } from 'vitest';
import { detectContentType, rateFor } from './content-type.js';

describe('detectContentType', () => {
  it('finds JSON only when the trimmed text parses', () => {
    expect(detectContentType('  {"a": [1, 2]}\n')).toBe('json');
    expect(detectContentType('[1, 2, 3]')).toBe('json');
    expect(detectContentType('{not json}')).toBe('text');
  });

  it('finds code by its lines', () => {
    expect(detectContentType('import os\n\ndef main():\n    return 1\n')).toBe('code');
    expect(detectContentType('const a = 1;\nconst b = () => a;\nfunction f() {\n}\n')).toBe('code');
  });

  it('calls prose text, even with a colon or two', () => {
    expect(
      detectContentType('Notes from the meeting:\nWe agreed to ship on Friday.\nBob will write the post.'),
    ).toBe('text');
  });
});

describe('rateFor', () => {
  it('uses per-type rates, or the target rate when not content-aware', () => {
    const config = LLMLinguaConfig.parse({});
    expect([rateFor(config, 'text'), rateFor(config, 'code'), rateFor(config, 'json')]).toEqual([
      0.3, 0.4, 0.35,
    ]);
    const flat = LLMLinguaConfig.parse({ contentAwareRates: false, targetCompressionRate: 0.5 });
    expect(rateFor(flat, 'code')).toBe(0.5);
  });
});
