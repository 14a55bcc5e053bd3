import { describe, expect, it } from 'vitest';
import { renderReport } from './report.js';
import type { CaseResult, Score } from './score.js';
import { summarizeCases } from './summary.js';

const score = (after: number, kept: number, extra: Partial<Score> = {}): Score => ({
  tokensBefore: 100,
  tokensAfter: after,
  mustKeep: 2,
  kept,
  ccrMarkers: 0,
  ccrExact: 0,
  ccrEquivalent: 0,
  ms: 1,
  ...extra,
});

const cases: CaseResult[] = [
  {
    id: 'a',
    kind: 'json: x',
    origin: 'seeded',
    methods: {
      headroom: score(20, 2, { valid: true }),
      'head+tail': score(20, 1, { valid: false }),
      passthrough: score(100, 2, { valid: true }),
    },
  },
  {
    id: 'b',
    kind: 'json: x',
    origin: 'seeded',
    methods: {
      headroom: score(60, 1, { valid: true }),
      'head+tail': score(60, 1, { valid: false }),
      passthrough: score(100, 2, { valid: true }),
    },
  },
  {
    id: 'c',
    kind: 'conversation: y',
    origin: 'fixture',
    methods: {
      headroom: score(50, 2, { pairViolations: 0, gold: 4, goldKept: 3, cacheHitRate: 0.5 }),
      'observation masking': score(40, 2, { pairViolations: 0, gold: 4, goldKept: 1, cacheHitRate: 0.25 }),
    },
  },
];

describe('summarizeCases and renderReport', () => {
  it('aggregates over summed tokens and items', () => {
    const s = summarizeCases(cases);
    expect(s['json: x']!.headroom).toMatchObject({ cases: 2, reduction: 0.6, recall: 0.75, validity: 1 });
    expect(s['json: x']!['head+tail']).toMatchObject({ recall: 0.5, validity: 0 });
    expect(s['conversation: y']!.headroom).toMatchObject({
      goldRetention: 0.75,
      pairViolations: 0,
      cacheHitRate: 0.5,
    });
  });

  it('puts the baselines beside Headroom and lists where Headroom loses', () => {
    const md = renderReport(
      { subset: 'full', cases, unavailable: ['npm ls: not installed'], seconds: 3 },
      summarizeCases(cases),
    );
    expect(md).toContain('| json: x | headroom | 2 | 200 → 80 | 60.0% | 75.0% | 100.0% | – | 2.00 |');
    expect(md).toContain('| json: x | head+tail | 2 | 200 → 80 | 60.0% | 50.0% | 0.0% |');
    expect(md).toContain(
      '| conversation: y | observation masking | 1 | 100 → 40 | 60.0% | 100.0% | 25.0% | 0 | – | 25.0% |',
    );
    expect(md).toContain('- **json: x** (headroom): kept 75.0% of the must-keep items.');
    expect(md).toContain('- **conversation: y** (headroom): 75.0% of gold argument values');
    expect(md).toContain('- npm ls: not installed');
  });
});
