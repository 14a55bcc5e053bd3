import { fieldHash, valueHash } from '@headroom/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { confidenceOf } from './advice.js';
import { apply, eventArb, SIGNATURE_LIST, type ToinEvent } from './test-utils/arbitraries.js';
import { expectWithinBounds } from './test-utils/bounds.js';
import { testToin } from './test-utils/workload.js';
import type { Toin } from './toin.js';

/** A sequence of events, some of them sent to a peer whose export is imported along the way. */
const scriptArb = fc.array(fc.record({ event: eventArb, toPeer: fc.boolean(), importAfter: fc.boolean() }), {
  maxLength: 60,
});
type Script = { event: ToinEvent; toPeer: boolean; importAfter: boolean }[];

const CONFIG = { minSamplesForRecommendation: 2, maxPatterns: 3, maxFieldsPerPattern: 4 };

function run(script: Script, id = 1): Toin {
  const main = testToin(CONFIG, { id });
  const peer = testToin(CONFIG, { id: id + 100 });
  script.forEach(({ event, toPeer, importAfter }, i) => {
    apply(toPeer ? peer.toin : main.toin, event);
    peer.clock.t = 1_000_000 + i;
    if (importAfter) main.toin.import(peer.toin.export());
  });
  void peer.toin.close();
  main.toin.publishSnapshot();
  return main.toin;
}

function reads(toin: Toin) {
  return SIGNATURE_LIST.map((s) => ({
    view: toin.pattern(s),
    hint: toin.advise(s),
    all: toin.advise(s, 'show all status id'),
    important: toin.isValueImportant(s, fieldHash('status'), valueHash('failed')),
  }));
}

const HINT_KEYS = new Set([
  'skip',
  'minItems',
  'preserveFields',
  'importantValues',
  'confidence',
  'source',
  'reason',
]);

describe('invariants under random event sequences (fast-check)', () => {
  it('1: reads are pure — the export is byte-identical after any reads', () => {
    fc.assert(
      fc.property(scriptArb, fc.array(fc.string({ maxLength: 20 }), { maxLength: 5 }), (script, queries) => {
        const toin = run(script);
        const before = JSON.stringify(toin.export());
        for (const s of SIGNATURE_LIST) {
          for (const q of queries) toin.advise(s, q);
          toin.pattern(s);
          toin.isValueImportant(s, fieldHash('status'), valueHash('ok'));
        }
        expect(JSON.stringify(toin.export())).toBe(before);
      }),
      { numRuns: 40 },
    );
  });

  it('2: a hint never lowers k — its only number is a floor of 25 or 50', () => {
    fc.assert(
      fc.property(scriptArb, fc.string({ maxLength: 30 }), (script, query) => {
        const toin = run(script);
        for (const s of SIGNATURE_LIST) {
          for (const hint of [toin.advise(s), toin.advise(s, query)]) {
            if (!hint) continue;
            expect(Object.keys(hint).every((k) => HINT_KEYS.has(k))).toBe(true);
            expect([undefined, 25, 50]).toContain(hint.minItems);
            if (hint.skip) expect(hint.minItems).toBeUndefined();
            expect(hint.preserveFields.length).toBeLessThanOrEqual(10);
            expect(hint.importantValues.length).toBeLessThanOrEqual(50);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('4: patterns and every per-pattern list stay within their bounds', () => {
    fc.assert(
      fc.property(scriptArb, (script) => {
        expectWithinBounds(run(script));
      }),
      { numRuns: 40 },
    );
  });

  it('5: confidence lies in [0, 0.95] and never falls as compressions grow', () => {
    fc.assert(
      fc.property(fc.nat(500), fc.nat(500), fc.nat(40), (a, b, users) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(confidenceOf(lo, users)).toBeLessThanOrEqual(confidenceOf(hi, users));
        for (const c of [confidenceOf(lo, users), confidenceOf(hi, users)]) {
          expect(c).toBeGreaterThanOrEqual(0);
          expect(c).toBeLessThanOrEqual(0.95);
        }
      }),
    );
    fc.assert(
      fc.property(scriptArb, (script) => {
        for (const r of reads(run(script))) {
          if (!r.view) continue;
          expect(r.view.confidence).toBeGreaterThanOrEqual(0);
          expect(r.view.confidence).toBeLessThanOrEqual(0.95);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('6: import(export()) into an empty instance reads the same; importing twice equals once', () => {
    fc.assert(
      fc.property(scriptArb, (script) => {
        const source = run(script);
        const once = testToin(CONFIG, { id: 7 });
        const twice = testToin(CONFIG, { id: 8 });
        const data = source.export();
        once.toin.import(data);
        twice.toin.import(data);
        twice.toin.import(data);
        once.toin.publishSnapshot();
        twice.toin.publishSnapshot();
        expect(reads(once.toin)).toEqual(reads(source));
        expect(reads(twice.toin)).toEqual(reads(once.toin));
      }),
      { numRuns: 40 },
    );
  });

  it('8: an eviction with retrieved: false never increases retrievals', () => {
    fc.assert(
      fc.property(scriptArb, fc.constantFrom(...SIGNATURE_LIST), (script, signature) => {
        const toin = run(script);
        const before = toin.pattern(signature)?.retrievals;
        toin.recordEviction({ signature, retrieved: false });
        toin.publishSnapshot();
        expect(toin.pattern(signature)?.retrievals).toBe(before);
      }),
      { numRuns: 40 },
    );
  });

  it('9: the same event sequence yields the same state', () => {
    fc.assert(
      fc.property(scriptArb, (script) => {
        const a = run(script);
        const b = run(script);
        expect(JSON.stringify(b.export())).toBe(JSON.stringify(a.export()));
        expect(reads(b)).toEqual(reads(a));
      }),
      { numRuns: 30 },
    );
  });
});
