export type MarkerUnit =
  | 'rows'
  | 'items'
  | 'strings'
  | 'numbers'
  | 'keys'
  | 'lines'
  | 'matches'
  | 'tokens'
  | 'messages';

export interface Marker {
  hash: string;
  omitted: number;
  total: number;
  unit: MarkerUnit;
  summary?: string;
}

export interface MarkerMatch extends Marker {
  /** The whole marker text as found. */
  text: string;
  /** Offset of the marker in the searched text. */
  index: number;
}

/**
 * The one CCR marker grammar: `<<ccr:HASH OMITTED of TOTAL UNIT omitted[; SUMMARY]>>`. The summary
 * excludes `< > " \` and control characters, so a marker is valid verbatim inside a JSON string.
 */
export const CCR_MARKER_RE =
  /<<ccr:([0-9a-f]{24}) (\d+) of (\d+) (rows|items|strings|numbers|keys|lines|matches|tokens|messages) omitted(?:; ([^<>"\\\x00-\x1f]{1,160}))?>>/g;

export const MAX_SUMMARY_LENGTH = 160;

/** Makes free text safe for a marker summary: no `< > " \` or controls, single spaces, ≤ 160 chars. */
export function sanitizeSummary(summary: string): string {
  const clean = summary
    .replace(/[<>"\\\x00-\x1f\x7f]|[\ud800-\udfff]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (clean.length <= MAX_SUMMARY_LENGTH) return clean;
  const room = MAX_SUMMARY_LENGTH - 3;
  const cut = prefixWithin(clean, room + 1);
  const space = cut.lastIndexOf(' ');
  const head = space > room / 2 ? cut.slice(0, space) : prefixWithin(cut, room);
  return `${head.trimEnd()}...`;
}

/** The longest prefix of at most `units` UTF-16 code units that does not split a surrogate pair. */
function prefixWithin(text: string, units: number): string {
  const code = text.charCodeAt(units - 1);
  const splitsPair = code >= 0xd800 && code <= 0xdbff;
  return text.slice(0, splitsPair ? units - 1 : units);
}

/** Formats a marker. No wall-clock text, so the same omission always yields the same bytes. */
export function formatMarker(m: Marker): string {
  const summary = m.summary === undefined ? '' : sanitizeSummary(m.summary);
  const tail = summary.length > 0 ? `; ${summary}` : '';
  return `<<ccr:${m.hash} ${m.omitted} of ${m.total} ${m.unit} omitted${tail}>>`;
}

/** Every marker in a text, in order. */
export function parseMarkers(text: string): MarkerMatch[] {
  const out: MarkerMatch[] = [];
  for (const m of text.matchAll(CCR_MARKER_RE)) {
    const marker: MarkerMatch = {
      hash: m[1]!,
      omitted: Number(m[2]),
      total: Number(m[3]),
      unit: m[4] as MarkerUnit,
      text: m[0],
      index: m.index,
    };
    if (m[5] !== undefined) marker.summary = m[5];
    out.push(marker);
  }
  return out;
}

export function hasMarker(text: string): boolean {
  return text.includes('<<ccr:') && parseMarkers(text).length > 0;
}
