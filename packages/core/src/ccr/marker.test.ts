import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentHash } from '../hash.js';
import {
  CCR_MARKER_RE,
  formatMarker,
  hasMarker,
  type MarkerUnit,
  parseMarkers,
  sanitizeSummary,
} from './marker.js';

const hash = contentHash('original');

describe('CCR markers', () => {
  it('formats the one marker grammar', () => {
    expect(
      formatMarker({
        hash,
        omitted: 85,
        total: 100,
        unit: 'rows',
        summary: '80 status=ok, 5 status=pending',
      }),
    ).toBe(`<<ccr:${hash} 85 of 100 rows omitted; 80 status=ok, 5 status=pending>>`);
    expect(formatMarker({ hash, omitted: 3, total: 9, unit: 'lines' })).toBe(
      `<<ccr:${hash} 3 of 9 lines omitted>>`,
    );
  });

  it('sanitizes quotes, newlines, backslashes and >> out of summaries', () => {
    const marker = formatMarker({
      hash,
      omitted: 1,
      total: 2,
      unit: 'items',
      summary: 'say "hi"\n\\path >> next <<x',
    });
    expect(marker).toBe(`<<ccr:${hash} 1 of 2 items omitted; say hi path next x>>`);
    expect(JSON.stringify(marker)).toBe(`"${marker}"`);
    expect(parseMarkers(marker)[0]!.summary).toBe('say hi path next x');
  });

  it('cuts long summaries at a word boundary within 160 characters', () => {
    const s = sanitizeSummary('word '.repeat(100));
    expect(s.length).toBeLessThanOrEqual(160);
    expect(s.endsWith('word...')).toBe(true);
  });

  it('finds markers inside JSON and text', () => {
    const marker = formatMarker({ hash, omitted: 40, total: 50, unit: 'rows' });
    const json = JSON.stringify([{ id: 1 }, { _ccr: marker }]);
    expect(parseMarkers(json)).toEqual([
      { hash, omitted: 40, total: 50, unit: 'rows', text: marker, index: json.indexOf('<<') },
    ]);
    expect(hasMarker(`log line\n${marker}\n`)).toBe(true);
    expect(hasMarker('<<ccr:nothex>>')).toBe(false);
  });

  it('round-trips arbitrary markers, verbatim inside JSON strings (property)', () => {
    const unit = fc.constantFrom<MarkerUnit>(
      'rows',
      'items',
      'strings',
      'numbers',
      'keys',
      'lines',
      'matches',
      'tokens',
      'messages',
    );
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.nat(),
        fc.nat(),
        unit,
        fc.option(fc.string({ unit: 'binary', maxLength: 300 }), { nil: undefined }),
        (seed, omitted, total, u, summary) => {
          const m = { hash: contentHash(seed), omitted, total, unit: u, summary };
          const marker = formatMarker(m);
          const clean = summary === undefined ? '' : sanitizeSummary(summary);
          const parsed = parseMarkers(marker);
          expect(parsed).toHaveLength(1);
          expect(parsed[0]).toEqual({
            hash: m.hash,
            omitted,
            total,
            unit: u,
            ...(clean ? { summary: clean } : {}),
            text: marker,
            index: 0,
          });
          expect(JSON.stringify(marker)).toBe(`"${marker}"`);
          expect(JSON.parse(JSON.stringify(marker))).toBe(marker);
          expect(marker.match(CCR_MARKER_RE)).toEqual([marker]);
        },
      ),
      { numRuns: 500 },
    );
  }, 30_000);
});
