import { MemoryCcrStore, parseJson, parseMarkers } from '@headroom/core';
import { describe, expect, it } from 'vitest';
import { expandColumnar } from './columnar.js';
import { fieldRoles } from './field-roles.js';
import { fieldStats } from './field-stats.js';
import { SmartCrusher } from './smart-crusher.js';

/** Known bugs of the Python Headroom reference, pinned. */
describe('reference regressions', () => {
  it('padded string ids ("001") are strings, never a numeric sequence', () => {
    const items = Array.from({ length: 40 }, (_, i) => ({ id: String(i + 1).padStart(3, '0'), v: i % 3 }));
    const fields = fieldStats(items);
    expect(Number.isNaN(fields.get('id')!.numbers[0]!)).toBe(true);
    expect(fields.get('id')!.kind).toBe('string');
    const roles = fieldRoles(fields, items.length);
    expect(roles.id?.key).toBe('id');
    expect(roles.idConfidence).toBe(0.8); // string ids with digits, not the 0.9 of integer sequences
  });

  it('k = 1 keeps the must-keep ends and reports honest counts', () => {
    const items = Array.from({ length: 60 }, (_, i) => ({ id: i, status: 'ok', value: i === 30 ? 999 : 1 }));
    const crush = (config: ConstructorParameters<typeof SmartCrusher>[0]) =>
      new SmartCrusher(
        { adaptiveSizing: false, maxItemsAfterCrush: 1, minK: 1, ...config },
        { store: new MemoryCcrStore() },
      ).crush(JSON.stringify(items));
    const withEnds = crush({ keepFirst: 1, keepLast: 1 });
    const rows = (expandColumnar(parseJson(withEnds.compressed)) as Record<string, unknown>[]).filter(
      (r) => !('_ccr' in r),
    );
    expect(rows.map((r) => r.id)).toEqual([0, 30, 59]);
    expect(parseMarkers(withEnds.compressed)[0]).toMatchObject({ omitted: 57, total: 60 });
    expect(withEnds.arrays[0]).toMatchObject({ kept: 3, overCap: true });

    const bare = crush({ keepFirst: 0, keepLast: 0, anomalyStdThreshold: 100 });
    const bareRows = (expandColumnar(parseJson(bare.compressed)) as Record<string, unknown>[]).filter(
      (r) => !('_ccr' in r),
    );
    expect(bareRows).toHaveLength(1);
    expect(parseMarkers(bare.compressed)[0]).toMatchObject({ omitted: 59, total: 60 });
  });
});
