import { describe, expect, it } from 'vitest';
import { Calibration, providerInput } from './calibration.js';
import { readUsage } from './usage.js';

describe('Calibration', () => {
  it('seeds with the first sample, then follows an EWMA with α 0.1', () => {
    const c = new Calibration();
    expect(c.ratio('gpt-4o')).toBe(1);
    expect(c.observe('gpt-4o', 120, 100)).toBeCloseTo(1.2);
    expect(c.observe('gpt-4o', 100, 100)).toBeCloseTo(1.2 + 0.1 * (1 - 1.2));
    expect(c.snapshot()['gpt-4o']).toEqual({ ratio: 1.18, samples: 2, calibrated: false });
  });

  it('flags a family calibrated from five samples and scales savings by its ratio', () => {
    const c = new Calibration();
    for (let i = 0; i < 4; i++) c.observe('claude-sonnet', 130, 100);
    expect(c.snapshot()['claude-sonnet']?.calibrated).toBe(false);
    c.observe('claude-sonnet', 130, 100);
    expect(c.snapshot()['claude-sonnet']).toEqual({ ratio: 1.3, samples: 5, calibrated: true });
    expect(c.providerSaved('claude-sonnet', 1000)).toBe(1300);
    expect(c.providerSaved('gpt-5', 1000)).toBe(1000);
  });

  it('clamps to [0.5, 2] and ignores unusable samples', () => {
    const c = new Calibration();
    expect(c.observe('x', 1000, 1)).toBe(2);
    for (let i = 0; i < 100; i++) c.observe('y', 1, 1000);
    expect(c.ratio('y')).toBe(0.5);
    expect(c.observe('z', 0, 100)).toBeUndefined();
    expect(c.observe('z', 100, 0)).toBeUndefined();
    expect(c.snapshot().z).toBeUndefined();
  });

  it('reads provider input per API: Anthropic sums cache reads and writes, OpenAI uses prompt/input tokens', () => {
    expect(
      providerInput(
        readUsage({
          input_tokens: 10,
          cache_read_input_tokens: 200,
          cache_creation_input_tokens: 30,
          output_tokens: 5,
        }),
      ),
    ).toBe(240);
    expect(
      providerInput(readUsage({ prompt_tokens: 500, prompt_tokens_details: { cached_tokens: 400 } })),
    ).toBe(500);
    expect(
      providerInput(readUsage({ input_tokens: 700, input_tokens_details: { cached_tokens: 100 } })),
    ).toBe(700);
  });
});
