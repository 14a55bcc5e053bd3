import { fieldHash, valueHash } from '@headroom/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { ToinState } from './codec.js';
import { compress, ORDER_SIGNATURE, orders, type TestToin, testToin } from './test-utils/workload.js';
import type { Toin } from './toin.js';

const open: TestToin[] = [];
function make(id: number, config = {}) {
  const t = testToin(config, { id });
  open.push(t);
  return t;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((t) => t.toin.close()));
});

/** Workload A: error-indicator retrievals; workload B: identifier lookups and full retrievals. */
function workloadA(toin: Toin) {
  compress(toin, 14, { seed: 1 });
  for (let i = 0; i < 4; i++)
    toin.recordRetrieval({
      signature: ORDER_SIGNATURE,
      kind: 'search',
      query: 'status:failed',
      retrievedItems: orders(30, 50 + i, { failRate: 1 }),
    });
}
function workloadB(toin: Toin) {
  compress(toin, 9, { seed: 2 });
  for (let i = 0; i < 5; i++) {
    const item = orders(20, 70 + i)[3]!;
    toin.recordRetrieval({
      signature: ORDER_SIGNATURE,
      kind: 'search',
      query: `id=${item.id}`,
      retrievedItems: [item],
    });
  }
  toin.recordRetrieval({ signature: ORDER_SIGNATURE, kind: 'full' });
  toin.recordEviction({ signature: ORDER_SIGNATURE, retrieved: false });
}

function readAll(toin: Toin) {
  return {
    view: toin.pattern(ORDER_SIGNATURE),
    plain: toin.advise(ORDER_SIGNATURE),
    queried: toin.advise(ORDER_SIGNATURE, 'show all status:failed orders'),
    important: [valueHash('failed'), valueHash('success'), valueHash('other')].map((v) =>
      toin.isValueImportant(ORDER_SIGNATURE, fieldHash('status'), v),
    ),
  };
}

describe('export, import and merge (invariant 6, §7 test plan 12)', () => {
  it('import(export()) into an empty instance yields identical views and advice', () => {
    const a = make(1);
    workloadA(a.toin);
    a.toin.publishSnapshot();
    const b = make(2);
    b.toin.import(a.toin.export());
    b.toin.publishSnapshot();
    // `users` is the same too: the empty instance has contributed nothing.
    expect(readAll(b.toin)).toEqual(readAll(a.toin));
    expect(readAll(a.toin).view?.fieldSemantics[fieldHash('status')]?.inferredType).toBe('error_indicator');
  });

  it('importing the same export twice equals importing it once', () => {
    const a = make(1);
    workloadA(a.toin);
    const data = a.toin.export();
    const once = make(2);
    const twice = make(3);
    once.toin.import(data);
    twice.toin.import(data);
    twice.toin.import(structuredClone(data));
    for (const t of [once, twice]) t.toin.publishSnapshot();
    expect(readAll(twice.toin)).toEqual(readAll(once.toin));
    expect(twice.toin.pattern(ORDER_SIGNATURE)?.compressions).toBe(14);
  });

  it("merging two instances' exports advises exactly like one instance that saw both workloads", () => {
    const a = make(1);
    const b = make(2);
    const both = make(3);
    workloadA(a.toin);
    workloadB(b.toin);
    workloadA(both.toin);
    workloadB(both.toin);
    const merged = make(4);
    merged.toin.import(b.toin.export());
    merged.toin.import(a.toin.export());
    for (const t of [both, merged]) t.toin.publishSnapshot();
    const expected = readAll(both.toin);
    const got = readAll(merged.toin);
    // Two instances are below the network threshold: only `users` tells them apart.
    expect({ ...got, view: { ...got.view, users: 1 } }).toEqual(expected);
    expect(got.view?.users).toBe(2);
    expect(got.plain).toMatchObject({ minItems: 25, source: 'local' });
  });

  it('a newer export of a peer replaces its older one instead of adding to it', () => {
    const a = make(1);
    const hub = make(2);
    compress(a.toin, 10);
    hub.toin.import(a.toin.export());
    a.clock.t += 1000;
    compress(a.toin, 5);
    hub.toin.import(a.toin.export());
    hub.toin.publishSnapshot();
    expect(hub.toin.pattern(ORDER_SIGNATURE)?.compressions).toBe(15);
    // An older export arriving late changes nothing.
    const stale = a.toin.export();
    stale.exportedAt -= 5000;
    hub.toin.import(stale);
    hub.toin.publishSnapshot();
    expect(hub.toin.pattern(ORDER_SIGNATURE)?.compressions).toBe(15);
  });

  it('peers travel with an export, so a relay never double-counts', () => {
    const [a, b, relay, sink] = [make(1), make(2), make(3), make(4)];
    compress(a.toin, 10);
    compress(b.toin, 7);
    relay.toin.import(a.toin.export());
    relay.toin.import(b.toin.export());
    sink.toin.import(relay.toin.export());
    sink.toin.import(a.toin.export());
    sink.toin.publishSnapshot();
    expect(sink.toin.pattern(ORDER_SIGNATURE)).toMatchObject({ compressions: 17, users: 2 });
    // Three exports merged (a, b and the relay's own, empty one).
    expect(sink.toin.stats().peers).toBe(3);
  });

  it('an instance never merges its own export into itself', () => {
    const a = make(1);
    compress(a.toin, 10);
    a.toin.import(a.toin.export());
    a.toin.publishSnapshot();
    expect(a.toin.pattern(ORDER_SIGNATURE)?.compressions).toBe(10);
    expect(a.warnings.map((w) => w.code)).toEqual(['self_import']);
  });

  it('bad exports are refused whole, with a warning, and the state is kept', () => {
    const a = make(1);
    compress(a.toin, 10);
    const good = a.toin.export();
    const b = make(2);
    compress(b.toin, 3);
    const bad: unknown[] = [
      null,
      'text',
      { ...good, version: 2 },
      { ...good, version: 0 },
      { ...good, instanceId: 'not-hex' },
      { ...good, patterns: [] },
      { ...good, peers: { zz: {} } },
    ];
    for (const data of bad) b.toin.import(data as ToinState);
    b.toin.publishSnapshot();
    expect(b.toin.pattern(ORDER_SIGNATURE)?.compressions).toBe(3);
    expect(b.warnings.map((w) => w.code)).toEqual([
      'import_rejected',
      'import_rejected',
      'newer_version',
      'import_rejected',
      'import_rejected',
      'import_rejected',
      'import_rejected',
    ]);
  });

  it('a pattern holding raw text or bad numbers is skipped; the rest of the export merges', () => {
    const a = make(1);
    compress(a.toin, 10);
    const data = a.toin.export();
    const key = Object.keys(data.patterns)[0]!;
    const pattern = data.patterns[key]!;
    const tampered: ToinState = {
      ...data,
      patterns: {
        [`${key.slice(0, 9)}${'e'.repeat(24)}`]: {
          ...pattern,
          fields: { status: pattern.fields[Object.keys(pattern.fields)[0]!]! },
        },
        [`${key.slice(0, 9)}${'f'.repeat(24)}`]: { ...pattern, compressions: -1 },
        'raw tool name': pattern,
        [key]: pattern,
      },
    };
    const b = make(2);
    b.toin.import(tampered);
    b.toin.publishSnapshot();
    expect(b.toin.pattern(ORDER_SIGNATURE)?.compressions).toBe(10);
    expect(b.toin.stats().patterns).toBe(1);
    expect(b.warnings).toEqual([{ code: 'invalid_patterns', message: expect.stringContaining('3 invalid') }]);
  });
});
