import { fieldHash, valueHash } from '@headroom/core';
import { afterEach, describe, expect, it } from 'vitest';
import { compress, ORDER_SIGNATURE, orders, type TestToin, testToin } from './test-utils/workload.js';

let t: TestToin;
afterEach(async () => {
  await t?.toin.close();
});

const STATUS = fieldHash('status');

describe('field semantics (§4.4, §7 test plan 4–5)', () => {
  it('a field 90 % "success" whose retrievals are only "error"/"failed" is an error indicator', () => {
    t = testToin();
    for (let i = 0; i < 20; i++) {
      const items = orders(50, i, { failRate: 0.1, failStatus: ['error', 'failed'] });
      t.toin.recordCompression({
        signature: ORDER_SIGNATURE,
        strategy: 'top_n',
        tokensBefore: 1,
        tokensAfter: 1,
        items,
      });
    }
    for (let i = 0; i < 6; i++) {
      const items = orders(40, 100 + i, { failRate: 0.1, failStatus: ['error', 'failed'] }).filter(
        (o) => o.status !== 'success',
      );
      t.toin.recordRetrieval({
        signature: ORDER_SIGNATURE,
        kind: 'search',
        query: 'status:failed',
        retrievedItems: items,
      });
    }
    t.toin.publishSnapshot();
    const s = t.toin.pattern(ORDER_SIGNATURE)!.fieldSemantics[STATUS]!;
    expect(s.inferredType).toBe('error_indicator');
    expect(s.confidence).toBeGreaterThan(0.8);
    expect(s.defaultValue).toBe(valueHash('success'));
    expect(new Set(s.importantValues)).toEqual(new Set([valueHash('error'), valueHash('failed')]));
    expect(t.toin.isValueImportant(ORDER_SIGNATURE, STATUS, valueHash('error'))).toBe(true);
    expect(t.toin.isValueImportant(ORDER_SIGNATURE, STATUS, valueHash('failed'))).toBe(true);
    // Any other non-default value of an error indicator is important too; the default never is.
    expect(t.toin.isValueImportant(ORDER_SIGNATURE, STATUS, valueHash('crashed_badly'))).toBe(true);
    expect(t.toin.isValueImportant(ORDER_SIGNATURE, STATUS, valueHash('success'))).toBe(false);
    expect(t.toin.isValueImportant(ORDER_SIGNATURE, fieldHash('note'), valueHash('failed'))).toBe(false);
  });

  it('equality queries on a unique field make it an identifier', () => {
    t = testToin();
    compress(t.toin, 10);
    for (let i = 0; i < 5; i++) {
      const item = orders(60, 1000 + i)[7]!;
      t.toin.recordRetrieval({
        signature: ORDER_SIGNATURE,
        kind: 'search',
        query: `id=${item.id}`,
        retrievedItems: [item],
      });
    }
    t.toin.publishSnapshot();
    const s = t.toin.pattern(ORDER_SIGNATURE)!.fieldSemantics[fieldHash('id')]!;
    expect(s).toMatchObject({ inferredType: 'identifier' });
    expect(s.confidence).toBeCloseTo(0.9);
  });

  it('range queries make a score; contains queries make content', () => {
    t = testToin();
    compress(t.toin, 10);
    for (let i = 0; i < 4; i++) {
      t.toin.recordRetrieval({ signature: ORDER_SIGNATURE, kind: 'search', query: `amount > ${i * 10}` });
      t.toin.recordRetrieval({
        signature: ORDER_SIGNATURE,
        kind: 'search',
        query: `note contains batch${i}`,
      });
    }
    t.toin.publishSnapshot();
    const semantics = t.toin.pattern(ORDER_SIGNATURE)!.fieldSemantics;
    expect(semantics[fieldHash('amount')]?.inferredType).toBe('score');
    expect(semantics[fieldHash('note')]?.inferredType).toBe('content');
  });

  it('a low-cardinality field retrieved across few values is a status', () => {
    t = testToin();
    for (let i = 0; i < 10; i++) {
      const items = orders(50, i, { failRate: 0.5, failStatus: 'pending', okStatus: 'shipped' });
      t.toin.recordCompression({
        signature: ORDER_SIGNATURE,
        strategy: 'top_n',
        tokensBefore: 1,
        tokensAfter: 1,
        items,
      });
    }
    for (let i = 0; i < 10; i++) {
      t.toin.recordRetrieval({
        signature: ORDER_SIGNATURE,
        kind: 'search',
        query: 'status:pending',
        retrievedItems: [{ status: 'pending' }],
      });
    }
    t.toin.publishSnapshot();
    expect(t.toin.pattern(ORDER_SIGNATURE)!.fieldSemantics[STATUS]).toMatchObject({ inferredType: 'status' });
  });

  it('too little evidence: no semantics, nothing important', () => {
    t = testToin();
    compress(t.toin, 10);
    for (let i = 0; i < 2; i++)
      t.toin.recordRetrieval({
        signature: ORDER_SIGNATURE,
        kind: 'search',
        query: 'status:failed',
        retrievedItems: [{ status: 'failed' }],
      });
    t.toin.publishSnapshot();
    expect(t.toin.pattern(ORDER_SIGNATURE)!.fieldSemantics[STATUS]).toBeUndefined();
    expect(t.toin.isValueImportant(ORDER_SIGNATURE, STATUS, valueHash('failed'))).toBe(false);
  });
});
