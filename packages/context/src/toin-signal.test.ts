import { fieldHash, valueHash } from '@headroom/core';
import { describe, expect, it } from 'vitest';
import { FakeToin, pattern } from './test-utils/fake-toin.js';
import { toinSignal } from './toin-signal.js';

describe('toinSignal', () => {
  const items = [{ state: 'open' }, { state: 'degraded' }];
  const batch = { signature: 'sig', items };

  it('is neutral without a confident pattern', () => {
    expect(toinSignal(new FakeToin(), [batch], 0.3)).toEqual({ importance: 0.5 });
    const weak = new FakeToin({ sig: pattern('sig', { confidence: 0.2, retrievalRate: 1 }) });
    expect(toinSignal(weak, [batch], 0.3)).toEqual({ importance: 0.5 });
  });

  it('grows with the retrieval rate and the commonly retrieved fields, capped at 1', () => {
    const toin = (rate: number, fields: number) =>
      new FakeToin({
        sig: pattern('sig', { retrievalRate: rate, commonlyRetrievedFields: Array(fields).fill('f') }),
      });
    expect(toinSignal(toin(0.4, 2), [batch], 0.3)).toEqual({
      importance: 0.5 + 0.2 + 0.04,
      learnedError: false,
    });
    expect(toinSignal(toin(1, 9), [batch], 0.3).importance).toBe(1);
    expect(toinSignal(toin(Number.NaN, 0), [batch], 0.3).importance).toBe(0.5);
  });

  it('reports a learned error only for important values of error_indicator fields', () => {
    const field = fieldHash('state');
    const semantics = (type: 'error_indicator' | 'status') => ({
      [field]: { inferredType: type, confidence: 0.8, importantValues: [] },
    });
    const important = new Set([`sig|${field}|${valueHash('degraded')}`]);
    const errors = new FakeToin(
      { sig: pattern('sig', { fieldSemantics: semantics('error_indicator') }) },
      important,
    );
    expect(toinSignal(errors, [batch], 0.3).learnedError).toBe(true);
    const status = new FakeToin({ sig: pattern('sig', { fieldSemantics: semantics('status') }) }, important);
    expect(toinSignal(status, [batch], 0.3).learnedError).toBe(false);
  });
});
