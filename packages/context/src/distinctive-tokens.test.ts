import { describe, expect, it } from 'vitest';
import { distinctiveTokens } from './distinctive-tokens.js';

describe('distinctiveTokens', () => {
  it('finds UUIDs, codes mixing letters and digits, paths and file names, lowercased, in order', () => {
    const text =
      'Order ORD-2024-00017 for user mia_li_3668 failed; see src/billing/charge.ts and config.yaml, trace 6F1C2D3E-4A5B-4C6D-8E7F-0A1B2C3D4E5F.';
    expect(distinctiveTokens(text, { quoted: false })).toEqual([
      'ord-2024-00017',
      'mia_li_3668',
      'src/billing/charge.ts',
      'config.yaml',
      '6f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e5f',
    ]);
  });

  it('ignores plain words, plain numbers, short codes and abbreviations', () => {
    expect(
      distinctiveTokens('The 2024 budget, e.g. for A1 and the v2 team, is 12000.', { quoted: false }),
    ).toEqual([]);
  });

  it('takes quoted strings in prose only, and not an apostrophe inside a word', () => {
    const prose = `Don't rename the "billing worker" or 'cron job' – it's \`make deploy\`.`;
    expect(distinctiveTokens(prose, { quoted: true })).toEqual(['billing worker', 'cron job', 'make deploy']);
    expect(distinctiveTokens(prose, { quoted: false })).toEqual([]);
  });

  it('lists each token once', () => {
    expect(distinctiveTokens('HAT001 then HAT001 and hat001', { quoted: false })).toEqual(['hat001']);
  });
});
