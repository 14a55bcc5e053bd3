import { CCR_MARKER_RE, contentHash, type JsonValue, MemoryCcrStore, parseJson } from '@headroom/core';
import { describe, expect, it } from 'vitest';
import {
  apiResponse,
  dbRows,
  logRecords,
  metrics,
  prng,
  searchResults,
  users,
} from './__fixtures__/generators.js';
import { expandColumnar } from './columnar.js';
import { SmartCrusher } from './smart-crusher.js';

const store = () => new MemoryCcrStore();
const rowsOf = (compressed: string) => {
  const v = expandColumnar(parseJson(compressed)) as Record<string, unknown>[];
  return v.filter((r) => !('_ccr' in r));
};
const ids = (rows: Record<string, unknown>[], key = 'id') => rows.map((r) => r[key]);

describe('SmartCrusher: what is never dropped', () => {
  it('1. keeps 50 unique user rows whole (unique entities, no signal)', () => {
    const input = JSON.stringify(users(50));
    const r = new SmartCrusher({}, { store: store() }).crush(input);
    expect(r.strategy).toBe('skip:unique_entities_no_signal');
    expect(rowsOf(r.compressed)).toHaveLength(50);
    expect(r.ccrHash).toBeUndefined();
  });

  it('2. keeps 50 completed orders whole', () => {
    const r0 = prng(9);
    const orders = Array.from({ length: 50 }, (_, i) => ({
      order_id: `ORD-2024-0000${i}`,
      customer: `customer-${i}`,
      total: 100 + Math.floor(r0() * 50),
      status: 'completed',
    }));
    const r = new SmartCrusher({}, { store: store() }).crush(JSON.stringify(orders));
    expect(rowsOf(r.compressed)).toHaveLength(50);
    expect(r.ccrHash).toBeUndefined();
  });

  it('3. ranks search results by score: the 13 best plus the last 2', () => {
    const docs = Array.from({ length: 100 }, (_, i) => ({
      id: `doc_${i}`,
      text: `result text ${i}`,
      score: 1 - 0.01 * i,
    }));
    const r = new SmartCrusher({ adaptiveSizing: false, maxItemsAfterCrush: 15 }, { store: store() }).crush(
      JSON.stringify(docs),
    );
    const kept = ids(rowsOf(r.compressed));
    expect(r.strategy).toBe('top_n(100->15)');
    expect(kept).toEqual([...Array.from({ length: 13 }, (_, i) => `doc_${i}`), 'doc_98', 'doc_99']);
  });

  it('4. keeps error items', () => {
    const items = Array.from({ length: 30 }, (_, i) => ({
      id: i,
      status: i === 10 ? 'error' : i === 20 ? 'failed' : 'ok',
      ...(i === 20 ? { exception: 'TimeoutError' } : {}),
      value: i % 3,
    }));
    const r = new SmartCrusher({ maxItemsAfterCrush: 10 }, { store: store() }).crush(JSON.stringify(items));
    expect(ids(rowsOf(r.compressed))).toEqual(expect.arrayContaining([10, 20]));
    expect(rowsOf(r.compressed).length).toBeLessThan(30);
  });

  it('5. keeps a numeric anomaly', () => {
    const items = Array.from({ length: 30 }, (_, i) => ({ id: i, metric: i === 15 ? 500 : 100 + 0.1 * i }));
    const r = new SmartCrusher({ maxItemsAfterCrush: 10 }, { store: store() }).crush(JSON.stringify(items));
    expect(ids(rowsOf(r.compressed))).toContain(15);
  });

  it('6. keeps every error and outlier of 100 items', () => {
    const items = Array.from({ length: 100 }, (_, i) => ({
      id: i,
      kind: 'event',
      value: [7, 33, 71].includes(i) ? 99999 : 10 + (i % 5),
      ...([3, 25, 50, 77, 90].includes(i) ? { error: `disk quota exceeded on node ${i}` } : {}),
    }));
    const r = new SmartCrusher({ maxItemsAfterCrush: 15 }, { store: store() }).crush(JSON.stringify(items));
    const kept = ids(rowsOf(r.compressed));
    expect(kept).toEqual(expect.arrayContaining([3, 25, 50, 77, 90, 7, 33, 71]));
    expect(kept.length).toBeLessThan(100);
  });

  it('7. keeps rows verbatim, nested values included', () => {
    const items = Array.from({ length: 40 }, (_, i) => ({
      id: i,
      tags: ['a', 'b', i],
      meta: { owner: { name: `n${i % 3}` }, flags: [true, null] },
      score: 1 - i / 40,
    }));
    const r = new SmartCrusher({}, { store: store() }).crush(JSON.stringify(items));
    for (const row of rowsOf(r.compressed)) expect(row).toEqual(items[row.id as number]);
  });

  it('8. passes malformed JSON, plain text and bare values through unchanged', () => {
    const c = new SmartCrusher({}, { store: store() });
    for (const input of ['{"a": [1, 2', 'plain text output', '42', '', '[1,2,]', 'null']) {
      const r = c.crush(input);
      expect(r.compressed).toBe(input);
      expect(r.wasModified).toBe(false);
    }
    expect(c.crush('{"a": [1, 2').strategy).toBe('passthrough:parse-error');
    expect(c.crush('plain').strategy).toBe('passthrough:not-json');
  });

  it('9. relevance does not collapse: "show request 63" keeps item 63 and adds at most maxRelevantItems', () => {
    const items = Array.from({ length: 100 }, (_, i) => ({
      id: i,
      message: `request ${i} served`,
      score: 0.5,
    }));
    const c = new SmartCrusher({ maxItemsAfterCrush: 15 }, { store: store() });
    const r = c.crush(JSON.stringify(items), { query: 'show request 63' });
    const kept = ids(rowsOf(r.compressed)) as number[];
    expect(kept).toContain(63);
    expect(kept.length).toBeLessThanOrEqual(15);
    expect(kept).not.toEqual(Array.from({ length: kept.length }, (_, i) => i));
  });

  it('10. a null `error` field and `timeout_ms` everywhere do not block compression', () => {
    const items = searchResults(100).map((d) => ({ ...d, error: null, timeout_ms: 500 }));
    const r = new SmartCrusher({}, { store: store() }).crush(JSON.stringify(items));
    expect(rowsOf(r.compressed).length).toBeLessThan(100);
    expect(r.ccrHash).toBeDefined();
  });

  it('11. keeps indexes 0, 1, 2, 98, 99 of a 100-item crush', () => {
    const r = new SmartCrusher({}, { store: store() }).crush(JSON.stringify(searchResults(100)));
    const kept = ids(rowsOf(r.compressed));
    expect(kept).toEqual(expect.arrayContaining(['doc_0', 'doc_1', 'doc_2', 'doc_98', 'doc_99']));
    expect(kept.length).toBeLessThan(100);
  });

  it('12. crushes only the array inside a wrapper', () => {
    const input = apiResponse(100);
    const r = new SmartCrusher({}, { store: store() }).crush(JSON.stringify(input));
    const out = expandColumnar(parseJson(r.compressed)) as Record<string, unknown>;
    expect(out).toMatchObject({ total: 100, page: 1, per_page: 100 });
    expect((out.results as unknown[]).length).toBeLessThan(100);
    expect(r.arrays[0]!.path).toBe('$.results');
  });

  it('13. appends a sentinel whose marker leads back to the exact input', async () => {
    const s = store();
    const input = JSON.stringify(searchResults(200), null, 2);
    const r = new SmartCrusher({ lossless: { enabled: false } }, { store: s }).crush(input, {
      toolName: 'web_search',
    });
    const value = parseJson(r.compressed) as JsonValue[];
    const sentinel = value[value.length - 1] as { _ccr: string };
    expect(Object.keys(sentinel)).toEqual(['_ccr']);
    const [match] = sentinel._ccr.match(CCR_MARKER_RE)!;
    expect(match).toBe(sentinel._ccr);
    expect(r.ccrHash).toBe(contentHash(input));
    expect(sentinel._ccr).toContain(`<<ccr:${r.ccrHash} `);
    const entry = await s.get(r.ccrHash!);
    expect(entry?.original).toBe(input);
    expect(entry).toMatchObject({ kind: 'json', unit: 'rows', toolName: 'web_search', total: 200 });

    const table = parseJson(new SmartCrusher({}, { store: s }).crush(input).compressed) as Record<
      string,
      unknown
    >;
    expect(Object.keys(table)).toEqual(['_columns', '_rows', '_ccr']);
    expect(table._ccr).toBe(sentinel._ccr);
  });

  it('14. keeps big integers and exotic number lexemes as written', () => {
    const rows = Array.from(
      { length: 60 },
      (_, i) =>
        `{"id":${9007199254740993n + BigInt(i)},"ratio":1.0,"big":1e400,"score":${(1 - i / 60).toFixed(3)}}`,
    );
    const input = `[${rows.join(',')}]`;
    const r = new SmartCrusher({}, { store: store() }).crush(input);
    expect(r.compressed).toContain('[9007199254740993,1.0,1e400,1.000]');
    expect(r.compressed).toContain(`[${9007199254740993n + 59n},1.0,1e400,0.017]`);
    expect(r.compressed).not.toContain('null');
  });

  it('15. encodes 30 uniform unique rows as a table, ≥ 15 % smaller, restored exactly', () => {
    const rows = users(30);
    const input = JSON.stringify(rows);
    const r = new SmartCrusher({}, { store: store() }).crush(input);
    expect(r.arrays[0]).toMatchObject({ strategy: 'lossless:columnar', kept: 30 });
    expect(r.compressed.startsWith('{"_columns":["id","name","email","department"],"_rows":[[1,')).toBe(true);
    expect(r.compressed.length).toBeLessThanOrEqual(0.85 * input.length);
    expect(expandColumnar(parseJson(r.compressed))).toEqual(rows);
    expect(r.ccrHash).toBeUndefined();
  });

  it('16. ships 12 crushable items losslessly when dropping saves too little', () => {
    const items = Array.from({ length: 12 }, (_, i) => ({ id: i, status: 'ok', value: i === 4 ? 90 : 1 }));
    const r = new SmartCrusher(
      { maxItemsAfterCrush: 10, minK: 10, minTokensToCrush: 10 },
      { store: store() },
    ).crush(JSON.stringify(items));
    expect(rowsOf(r.compressed)).toHaveLength(12);
    expect(r.ccrHash).toBeUndefined();
  });

  it('17. crushes a map of user records by key, never a heterogeneous record', () => {
    const map = Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => [
        `user_${i}`,
        { plan: i % 2 ? 'free' : 'pro', sessions: i === 17 ? 9000 : 10 + (i % 3), region: 'eu' },
      ]),
    );
    const r = new SmartCrusher({}, { store: store() }).crush(JSON.stringify(map));
    const out = parseJson(r.compressed) as Record<string, unknown>;
    expect(Object.keys(out).at(-1)).toBe('_ccr');
    expect(out).toHaveProperty('user_17');
    expect(out).toHaveProperty('user_0');
    expect(out).toHaveProperty('user_39');
    expect(Object.keys(out).length).toBeLessThan(41);

    const config = Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => [
        `option_${i}`,
        i % 3 === 0 ? i : i % 3 === 1 ? `v${i}` : { nested: i },
      ]),
    );
    const untouched = new SmartCrusher({}, { store: store() }).crush(JSON.stringify(config));
    expect(parseJson(untouched.compressed)).toEqual(config);
  });

  it('18. string arrays keep errors, ends and order, with the marker last', () => {
    const lines = Array.from({ length: 100 }, (_, i) =>
      i === 57 ? 'FATAL error: out of memory' : `worker ${i} heartbeat ok`,
    );
    const r = new SmartCrusher({}, { store: store() }).crush(JSON.stringify(lines));
    const out = parseJson(r.compressed) as string[];
    expect(out).toContain('FATAL error: out of memory');
    expect(out[0]).toBe(lines[0]);
    expect(out.at(-2)).toBe(lines[99]);
    expect(out.at(-1)).toMatch(CCR_MARKER_RE);
    const kept = out.slice(0, -1);
    expect(kept.map((s) => lines.indexOf(s))).toEqual(
      [...kept.map((s) => lines.indexOf(s))].sort((a, b) => a - b),
    );
    const small = JSON.stringify(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    expect(new SmartCrusher({ minTokensToCrush: 0 }, { store: store() }).crush(small).compressed).toBe(small);
  });

  it('19. number arrays keep the spike and ints, with exact stats in the marker', () => {
    const values = Array.from({ length: 200 }, (_, i) => (i === 120 ? 500.0 : 10 + (i % 3)));
    const input = `[${values.map((v, i) => (i === 120 ? '500.0' : String(v))).join(',')}]`;
    const r = new SmartCrusher({}, { store: store() }).crush(input);
    expect(r.compressed).toContain(',500.0,');
    const out = parseJson(r.compressed) as unknown[];
    expect(out.slice(0, -1).every((v) => typeof v === 'number' || String(v) === '500.0')).toBe(true);
    const sorted = [...values].sort((a, b) => a - b);
    const mean = values.reduce((a, b) => a + b, 0) / 200;
    expect(String(out.at(-1))).toContain(`min=10 max=500 mean=${Number(mean.toPrecision(6))}`);
    expect(String(out.at(-1))).toContain(`median=${sorted[99]! / 2 + sorted[100]! / 2}`);
  });

  it('20. mixed arrays keep order and small groups whole', () => {
    const values: JsonValue[] = [
      ...Array.from({ length: 60 }, (_, i) => `line ${i} of output text`),
      { id: 1, special: true },
      42,
      ...Array.from({ length: 60 }, (_, i) => `line ${i + 60} of output text`),
    ];
    const r = new SmartCrusher({}, { store: store() }).crush(JSON.stringify(values));
    const out = parseJson(r.compressed) as JsonValue[];
    expect(out).toContainEqual({ id: 1, special: true });
    expect(out).toContain(42);
    expect(out.length).toBeLessThan(values.length);
    expect(String(out.at(-1))).toMatch(/items omitted; \d+ strings/);
    const positions = out
      .slice(0, -1)
      .map((v) => values.findIndex((x) => JSON.stringify(x) === JSON.stringify(v)));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('22. leaves compressed input alone and drops nothing without a store', () => {
    const c = new SmartCrusher({}, { store: store() });
    const once = c.crush(JSON.stringify(searchResults(100)));
    expect(c.crush(once.compressed).compressed).toBe(once.compressed);
    expect(c.crush(once.compressed).strategy).toBe('passthrough:already-compressed');
    const lossless = new SmartCrusher({}, { store: null }).crush(JSON.stringify(searchResults(100)));
    expect(rowsOf(lossless.compressed)).toHaveLength(100);
    expect(lossless.ccrHash).toBeUndefined();
    const only = new SmartCrusher({ losslessOnly: true }, { store: store() }).crush(
      JSON.stringify(searchResults(100)),
    );
    expect(rowsOf(only.compressed)).toHaveLength(100);
  });
});

describe('SmartCrusher: gate, families, determinism', () => {
  it('minifies small JSON without dropping anything', () => {
    const r = new SmartCrusher({}, { store: store() }).crush('{ "a": 1,  "b": [1, 2] }');
    expect(r).toMatchObject({ compressed: '{"a":1,"b":[1,2]}', wasModified: true, strategy: 'minify' });
  });

  it('accepts parsed values as well as text', () => {
    const value = searchResults(100) as unknown as JsonValue;
    const c = new SmartCrusher({}, { store: store() });
    expect(c.crush(value).compressed).toBe(c.crush(JSON.stringify(value)).compressed);
  });

  const rows = (out: string) => rowsOf(out) as Record<string, unknown>[];
  it.each([
    ['logs as JSON', () => logRecords(500), (v: Record<string, unknown>) => v.level === 'ERROR'],
    [
      'API response',
      () => apiResponse(300).results,
      (v: Record<string, unknown>) => v.status === 'payment_failed',
    ],
    [
      'DB rows with anomalies',
      () => dbRows(300),
      (v: Record<string, unknown>) => (v.latency_ms as number) > 5000,
    ],
    [
      'metrics time series',
      () => metrics(400),
      (v: Record<string, unknown>) => v.timestamp === 1_735_689_600 + 200 * 60,
    ],
  ])('compresses %s and keeps what stands out', (_name, make, standsOut) => {
    const items = make() as Record<string, unknown>[];
    const input = JSON.stringify(items);
    const r = new SmartCrusher({}, { store: store() }).crush(input);
    expect(r.compressed.length).toBeLessThan(input.length / 2);
    const expected = items.filter(standsOut);
    expect(expected.length).toBeGreaterThan(0);
    expect(rows(r.compressed).filter(standsOut)).toEqual(expected);
  });

  it('is deterministic', () => {
    const input = JSON.stringify(apiResponse(500));
    const a = new SmartCrusher({}, { store: store() }).crush(input, { query: 'ORD-2025-00042' });
    const b = new SmartCrusher({}, { store: store() }).crush(input, { query: 'ORD-2025-00042' });
    expect(a.compressed).toBe(b.compressed);
    expect(a.compressed).toContain('ORD-2025-00042');
  });

  it('rejects a bad config with the field named', () => {
    expect(() => new SmartCrusher({ maxItemsAfterCrush: 'many' as unknown as number })).toThrow(
      /maxItemsAfterCrush/,
    );
  });
});
