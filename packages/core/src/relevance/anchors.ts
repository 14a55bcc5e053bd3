import { RawNumber } from '../json/raw-number.js';
import { type ChunkedDocs, forEachChunkedDocWith, forEachDocWith, type JoinedDocs } from './joined-docs.js';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const URL_OR_HOST =
  /\b(?:https?:\/\/[^\s"'<>]+|(?:[a-z0-9-]+\.)+(?:com|org|net|io|dev|ai|app|co|edu|gov)\b[^\s"'<>]*)/gi;
const QUOTED = /"([^"]{2,50})"|'([^']{2,50})'|`([^`]{2,50})`/g;
const MIXED_CODE = /\b(?=[\w-]*\p{L})(?=[\w-]*\p{N})[\p{L}\p{N}][\p{L}\p{N}_-]{3,}\b/gu;
const LONG_NUMBER = /\b\d{4,}\b/g;

/**
 * Exact-match anchors in a query: UUIDs, e-mails, URLs and hostnames, quoted substrings, codes
 * mixing letters and digits (`ORD-2024-00017`, `INV1234`) and numbers of four or more digits.
 * Returned lowercased and de-duplicated.
 */
export function extractAnchors(query: string): string[] {
  const found = new Set<string>();
  const add = (s: string | undefined) => {
    const v = s?.trim().toLowerCase();
    if (v) found.add(v);
  };
  for (const re of [UUID, EMAIL, URL_OR_HOST, MIXED_CODE, LONG_NUMBER]) {
    for (const m of query.matchAll(re)) add(m[0]);
  }
  for (const m of query.matchAll(QUOTED)) add(m[1] ?? m[2] ?? m[3]);
  return [...found];
}

/** True when a string leaf contains the anchor (case-insensitive) or a number lexeme equals it. */
export function matchesAnchor(value: unknown, anchor: string, maxDepth = 4): boolean {
  if (typeof value === 'string') return value.toLowerCase().includes(anchor);
  if (typeof value === 'number') return String(value) === anchor;
  if (value instanceof RawNumber) return value.raw === anchor;
  if (maxDepth <= 0 || typeof value !== 'object' || value === null) return false;
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.some((v) => matchesAnchor(v, anchor, maxDepth - 1));
}

/**
 * Indexes of items matching any discriminative anchor. An anchor that matches more than
 * `maxCoverage` of the batch (default 25 %) says nothing about which item is wanted and is ignored.
 * `lowerTexts` (each item's lowercased text) or `lowerDocs` (the same laid out in one string or in
 * chunks: one native search per anchor) screen the items: only those holding the anchor are checked.
 */
export function anchorMatches(
  items: readonly unknown[],
  anchors: readonly string[],
  opts: { maxCoverage?: number; lowerTexts?: readonly string[]; lowerDocs?: JoinedDocs | ChunkedDocs } = {},
): Set<number> {
  const { maxCoverage = 0.25, lowerTexts, lowerDocs } = opts;
  const out = new Set<number>();
  const limit = Math.max(1, maxCoverage * items.length);
  for (const anchor of anchors) {
    const hits: number[] = [];
    if (lowerDocs && anchor.length > 0) {
      // Past the limit the anchor is ignored whatever else matches: stop searching.
      const hit = (i: number) => {
        if (matchesAnchor(items[i], anchor)) hits.push(i);
        return hits.length <= limit;
      };
      if ('chunks' in lowerDocs) forEachChunkedDocWith(lowerDocs, anchor, hit);
      else forEachDocWith(lowerDocs, anchor, hit);
    } else {
      items.forEach((item, i) => {
        if (lowerTexts && !lowerTexts[i]!.includes(anchor)) return;
        if (matchesAnchor(item, anchor)) hits.push(i);
      });
    }
    if (hits.length > 0 && hits.length <= limit) for (const i of hits) out.add(i);
  }
  return out;
}
