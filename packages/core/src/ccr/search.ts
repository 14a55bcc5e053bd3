import { parseJson, tryParseJson } from '../json/parse-json.js';
import { type JsonValue, RawNumber } from '../json/raw-number.js';
import { stringifyCompact } from '../json/stringify.js';
import { Bm25Batch, rankRelevant } from '../relevance/bm25.js';
import { queryTokens } from '../relevance/lexer.js';
import { valueText } from '../relevance/value-text.js';
import type { CcrEntry, CcrSearchMatch, CcrSearchResult } from './store.js';

export interface SearchOptions {
  maxResults: number;
  threshold: number;
}

interface JsonDoc {
  path: string;
  item: JsonValue;
}

/** Object and string items of every array in a JSON value, down to `maxDepth`, with their paths. */
function arrayItems(value: JsonValue, path: string, depth: number, out: JsonDoc[]): void {
  if (depth < 0 || typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const p = `${path}[${i}]`;
      if (
        typeof item === 'string' ||
        (typeof item === 'object' && item !== null && !(item instanceof RawNumber))
      ) {
        out.push({ path: p, item });
      }
      arrayItems(item, p, depth - 1, out);
    });
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    const p = /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
    arrayItems(child, p, depth - 1, out);
  }
}

function parsedJson(entry: CcrEntry): JsonValue | undefined {
  const head = entry.original.trimStart()[0];
  if (entry.kind !== 'json' && head !== '[' && head !== '{') return undefined;
  return tryParseJson(entry.original);
}

/**
 * Searches inside one stored original. JSON: every object/string item of arrays (depth ≤ 4) is a
 * document, scored by BM25 over its values. Anything else: every line is a document, returned with
 * its line number and one line of context either side.
 */
export function searchEntry(entry: CcrEntry, query: string, opts: SearchOptions): CcrSearchResult {
  const terms = queryTokens(query);
  const json = parsedJson(entry);
  const docs: JsonDoc[] = [];
  if (json !== undefined) arrayItems(json, '$', 4, docs);

  if (docs.length > 0) {
    const batch = new Bm25Batch(docs.map((d) => valueText(d.item)));
    const ranked = rankRelevant(batch.scores(terms), { threshold: opts.threshold, max: opts.maxResults });
    const matches: CcrSearchMatch[] = ranked.map((r) => ({
      score: round(r.normalized),
      path: docs[r.index]!.path,
      text: stringifyCompact(docs[r.index]!.item),
    }));
    return { hash: entry.hash, query, mode: 'json-items', documents: docs.length, matches };
  }

  const lines = entry.original.split(/\r?\n/);
  const batch = new Bm25Batch(lines);
  const ranked = rankRelevant(batch.scores(terms), { threshold: opts.threshold, max: opts.maxResults });
  const matches: CcrSearchMatch[] = ranked.map((r) => {
    const match: CcrSearchMatch = { score: round(r.normalized), line: r.index + 1, text: lines[r.index]! };
    if (r.index > 0) match.before = lines[r.index - 1]!;
    if (r.index + 1 < lines.length) match.after = lines[r.index + 1]!;
    return match;
  });
  return { hash: entry.hash, query, mode: 'lines', documents: lines.length, matches };
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** The JSON items a search returned, for the retrieval event (TOIN learns which values agents want). */
export function retrievedItemsOf(result: CcrSearchResult): JsonValue[] | undefined {
  if (result.mode !== 'json-items' || result.matches.length === 0) return undefined;
  return result.matches.map((m) => parseJson(m.text));
}
