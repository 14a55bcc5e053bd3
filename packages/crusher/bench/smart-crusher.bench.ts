import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineSuite, type Suite } from '@headroom/bench';
import { getTokenizer, isErrorItem, MemoryCcrStore, parseJson } from '@headroom/core';
import { expandColumnar, SmartCrusher } from '@headroom/crusher';
import { apiResponse, dbRows, logRecords, metrics, searchResults } from '../src/__fixtures__/generators.js';

const tokenizer = getTokenizer('gpt-4o');
const crusher = () => new SmartCrusher({}, { store: new MemoryCcrStore() });

/** Speed: SmartCrusher against JSON.parse + JSON.stringify of the same text (token counting excluded). */
function speed(n: number, withMemory = false, note = ''): Suite {
  return defineSuite(
    {
      name: `SmartCrusher speed: ${n.toLocaleString('en-US')} search results${note}, with a query`,
      setup: () => {
        const text = JSON.stringify(searchResults(n), null, 2);
        if (!withMemory) return { text, bytes: Buffer.byteLength(text), rss: undefined };
        const file = join(mkdtempSync(join(tmpdir(), 'headroom-bench-')), 'input.json');
        writeFileSync(file, text);
        return {
          text,
          bytes: Buffer.byteLength(text),
          rss: { base: peakRss(file, false), crush: peakRss(file, true) },
        };
      },
    },
    (s, { text, bytes, rss }) => {
      const c = crusher();
      const mb = (x: number) => ` (peak RSS ${x.toFixed(0)} MB)`;
      s.baseline(
        `JSON.parse + JSON.stringify${rss ? mb(rss.base) : ''}`,
        () => JSON.stringify(JSON.parse(text)),
        {
          bytes,
        },
      );
      s.add(
        `SmartCrusher.crush${rss ? mb(rss.crush) : ''}`,
        () => c.crush(text, { query: 'doc_42 cache invalidation' }),
        {
          bytes,
        },
      );
    },
  );
}

type Row = Record<string, unknown>;

interface Family {
  name: string;
  rows: () => Row[];
  /** Items a reader must not lose: errors, anomalies, the one the query names, the ends. */
  mustKeep: (row: Row, i: number, all: Row[]) => boolean;
  query?: string;
}

const ends = (i: number, all: Row[]) => i < 3 || i >= all.length - 2;

const FAMILIES: Family[] = [
  {
    name: 'search results (1,000)',
    rows: () => searchResults(1000),
    query: 'doc_613',
    mustKeep: (r, i, all) => r.id === 'doc_613' || ends(i, all),
  },
  {
    name: 'logs as JSON (1,000)',
    rows: () => logRecords(1000),
    mustKeep: (r, i, all) => isErrorItem(r) || ends(i, all),
  },
  {
    name: 'API response rows (1,000)',
    rows: () => apiResponse(1000).results,
    mustKeep: (r, i, all) => isErrorItem(r) || r.status === 'payment_failed' || ends(i, all),
  },
  {
    name: 'DB rows with anomalies (1,000)',
    rows: () => dbRows(1000),
    mustKeep: (r, i, all) => (r.latency_ms as number) > 5000 || ends(i, all),
  },
  {
    name: 'metrics time series (1,000)',
    rows: () => metrics(1000),
    mustKeep: (_row, i, all) => ends(i, all) || Math.abs(i - 500) <= 1,
  },
];

function keptKeys(compressed: string): Set<string> {
  const value = expandColumnar(parseJson(compressed));
  const rows = (Array.isArray(value) ? value : []) as Row[];
  return new Set(rows.filter((r) => !('_ccr' in r)).map((r) => JSON.stringify(r)));
}

function recall(family: Family, all: Row[], compressed: string): string {
  const kept = keptKeys(compressed);
  const needed = all.filter((r, i) => family.mustKeep(r, i, all));
  const found = needed.filter((r) => kept.has(JSON.stringify(r))).length;
  return `${((100 * found) / needed.length).toFixed(1)}% of ${needed.length}`;
}

/** Compression: token reduction and must-keep recall beside minify and head+tail truncation. */
function family(f: Family): Suite {
  return defineSuite(
    {
      name: `Token reduction: ${f.name}`,
      minTimeMs: 300,
      setup: () => {
        const all = f.rows();
        const text = JSON.stringify(all);
        const crushed = crusher().crush(text, f.query ? { query: f.query } : {}).compressed;
        const keep = keptKeys(crushed).size;
        const head = Math.ceil(keep / 2);
        const truncated = JSON.stringify([...all.slice(0, head), ...all.slice(all.length - (keep - head))]);
        return { all, text, crushed, truncated, keep, before: tokenizer.count(text) };
      },
    },
    (s, { all, text, crushed, truncated, keep, before }) => {
      const minified = JSON.stringify(JSON.parse(text));
      const measure = (out: string) => () => ({ before, after: tokenizer.count(out) });
      s.baseline(
        `JSON.parse + JSON.stringify (recall ${recall(f, all, minified)})`,
        () => JSON.stringify(JSON.parse(text)),
        {
          measure: measure(minified),
        },
      );
      s.add(
        `head+tail, same ${keep} rows (recall ${recall(f, all, truncated)})`,
        () => JSON.parse(truncated),
        {
          measure: measure(truncated),
        },
      );
      s.add(
        `SmartCrusher (recall ${recall(f, all, crushed)})`,
        () => crusher().crush(text, f.query ? { query: f.query } : {}),
        {
          measure: measure(crushed),
        },
      );
    },
  );
}

/** Peak RSS of a fresh process that parses `file`, and crushes it or just re-serializes it. */
function peakRss(file: string, crush: boolean): number {
  const work = crush
    ? "new SmartCrusher({}, { store: new MemoryCcrStore() }).crush(text, { query: 'doc_42' });"
    : 'JSON.stringify(JSON.parse(text));';
  const script = `
    import { readFileSync } from 'node:fs';
    import { SmartCrusher } from '@headroom/crusher';
    import { MemoryCcrStore } from '@headroom/core';
    const text = readFileSync(${JSON.stringify(file)}, 'utf8');
    ${work}
    process.stdout.write(String(process.resourceUsage().maxRSS));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
  });
  return Number(out.toString()) / 1024;
}

export default [
  speed(100),
  speed(300, false, ' (~100 KB, a typical tool result on the proxy path)'),
  speed(1000),
  speed(10_000, true),
  ...FAMILIES.map(family),
];
