import { describe, expect, it } from 'vitest';
import { jsonCases } from './cases/json-cases.js';
import { evaluateContent } from './evaluate-content.js';

const [search] = jsonCases(1);

describe('evaluateContent', () => {
  it('scores Headroom beside passthrough and head+tail at the same size', async () => {
    const r = await evaluateContent(search!);
    const h = r.methods.headroom!;
    expect(h.tokensAfter).toBeLessThan(h.tokensBefore);
    expect(h).toMatchObject({ kept: h.mustKeep, valid: true });
    expect(h.ccrExact).toBe(h.ccrMarkers);
    expect(r.methods.passthrough).toMatchObject({
      tokensAfter: h.tokensBefore,
      kept: h.mustKeep,
      valid: true,
    });
    expect(Math.abs(r.methods['head+tail']!.tokensAfter - h.tokensAfter)).toBeLessThanOrEqual(2);
    expect(r.methods['head+tail']!.valid).toBe(false);
  });

  it('scores a throwing compressor as passthrough instead of failing the run', async () => {
    const r = await evaluateContent(search!, async () => {
      throw new Error('boom');
    });
    expect(r.methods.headroom).toMatchObject({ tokensAfter: r.methods.headroom!.tokensBefore, valid: true });
  });
});
