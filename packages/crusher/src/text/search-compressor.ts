import {
  anchorMatches,
  Bm25Batch,
  extractAnchors,
  isErrorValue,
  parseConfig,
  queryTokens,
  rankRelevant,
  SearchCompressorConfig,
  type SearchCompressorConfigInput,
} from '@headroom/core';
import { adaptiveK } from '../adaptive-k.js';
import { LineCompressor, type LineCompressorDeps } from './line-compressor.js';
import { type Lines, templateOf } from './lines.js';
import { type OutputLine, renderLossy, type TextCompressionResult, unchanged } from './text-result.js';

const GREP_LINE = /^(?<file>[^\s:][^:]*?):(?<line>\d+)[:-](?<text>.*)$/;

interface Match {
  index: number;
  file: string;
  text: string;
}

/** A grep/ripgrep/git-grep match line, or a ripgrep `--json` match record. */
function parseMatch(line: string, index: number): Match | undefined {
  const m = GREP_LINE.exec(line);
  if (m?.groups) return { index, file: m.groups.file!, text: m.groups.text! };
  if (!line.startsWith('{"type":"match"')) return undefined;
  try {
    const data = (JSON.parse(line) as { data?: { path?: { text?: string }; lines?: { text?: string } } })
      .data;
    if (typeof data?.path?.text === 'string')
      return { index, file: data.path.text, text: data.lines?.text ?? '' };
  } catch {}
  return undefined;
}

/**
 * grep -n / ripgrep / git grep output: every file stays named, every line that matches the query
 * (discriminative terms, exact anchors) stays, each kept file keeps its first and last match and its
 * best-scored ones, near-duplicates collapse, and kept lines stay byte-identical (`path:line` valid).
 */
export class SearchCompressor extends LineCompressor<SearchCompressorConfig> {
  constructor(config?: SearchCompressorConfigInput, deps: LineCompressorDeps = {}) {
    super(parseConfig(SearchCompressorConfig, config, 'searchCompressor'), deps);
  }

  protected minLines(): number {
    return 0;
  }

  protected run(text: string, split: Lines, query: string, bias: number): TextCompressionResult {
    const cfg = this.config;
    const { lines } = split;
    const matches = lines.map(parseMatch).filter((m): m is Match => m !== undefined);
    if (matches.length < cfg.minMatchesToCompress) return unchanged(text, 'passthrough:small', lines.length);

    // Scores: query relevance, errors, context keywords; query matches and anchors are must-keep.
    const texts = matches.map((m) => m.text);
    const relevant = rankRelevant(new Bm25Batch(texts).scores(queryTokens(query)), { threshold: 0.3 });
    const score = new Float64Array(matches.length);
    for (const r of relevant) score[r.index] = 0.6 * r.normalized;
    const keywords = cfg.contextKeywords.map((k) => k.toLowerCase());
    texts.forEach((t, j) => {
      if (cfg.boostErrors && isErrorValue(t)) score[j]! += 0.3;
      for (const k of keywords) if (t.toLowerCase().includes(k)) score[j]! += 0.2;
      score[j] = Math.min(1, score[j]!);
    });
    const must = new Set<number>([
      ...relevant.map((r) => r.index),
      ...anchorMatches(texts, extractAnchors(query)),
    ]);

    const byFile = new Map<string, number[]>();
    matches.forEach((m, j) => {
      const js = byFile.get(m.file);
      if (js) js.push(j);
      else byFile.set(m.file, [j]);
    });
    const bestScore = new Map(
      [...byFile].map(([f, js]) => [f, js.reduce((a, j) => Math.max(a, score[j]!), 0)]),
    );
    const best = (f: string) => bestScore.get(f)!;
    const ranked = [...byFile].sort(
      (a, b) => best(b[0]) - best(a[0]) || b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1),
    );
    const keptFiles = new Set(
      ranked.filter(([, js], rank) => rank < cfg.maxFiles || js.some((j) => must.has(j))).map(([f]) => f),
    );

    const budget = adaptiveK(
      { n: matches.length, serialized: (j) => texts[j]!, text: (j) => texts[j]! },
      { minK: 5, maxK: cfg.maxTotalMatches, bias },
    );
    const keep = new Set<number>();
    for (const [file, js] of byFile) {
      if (!keptFiles.has(file)) continue;
      if (cfg.alwaysKeepFirst) keep.add(js[0]!);
      if (cfg.alwaysKeepLast) keep.add(js[js.length - 1]!);
      for (const j of js) if (must.has(j)) keep.add(j);
    }
    // Fill: best-scored first, one per near-duplicate template, per-file cap, global budget.
    const perFile = new Map<string, number>();
    for (const j of keep) perFile.set(matches[j]!.file, (perFile.get(matches[j]!.file) ?? 0) + 1);
    const seen = new Set([...keep].map((j) => `${matches[j]!.file}\0${templateOf(texts[j]!)}`));
    const order = [...matches.keys()].sort((a, b) => score[b]! - score[a]! || a - b);
    for (const j of order) {
      if (keep.size >= budget) break;
      const file = matches[j]!.file;
      if (keep.has(j) || !keptFiles.has(file) || (perFile.get(file) ?? 0) >= cfg.maxMatchesPerFile) continue;
      const shape = `${file}\0${templateOf(texts[j]!)}`;
      if (seen.has(shape)) continue;
      seen.add(shape);
      keep.add(j);
      perFile.set(file, (perFile.get(file) ?? 0) + 1);
    }
    if (keep.size === matches.length) return unchanged(text, 'passthrough:nothing-to-drop', lines.length);

    const keptLines = new Set([...keep].map((j) => matches[j]!.index));
    const matchAt = new Map(matches.map((m, j) => [m.index, j]));
    // One note per file, after its last match: interleaved output (several files in turns) would
    // otherwise get a note for every dropped line.
    const hidden = new Map<string, number>();
    const lastLine = new Map<string, number>();
    for (const m of matches) {
      lastLine.set(m.file, m.index);
      if (!keptLines.has(m.index)) hidden.set(m.file, (hidden.get(m.file) ?? 0) + 1);
    }
    const output: OutputLine[] = [];
    let fileOf: string | undefined;
    lines.forEach((_, i) => {
      const j = matchAt.get(i);
      if (j === undefined) {
        // Separators and headers stay, unless they only frame dropped files.
        if (fileOf === undefined || keptFiles.has(fileOf)) output.push(i);
        return;
      }
      fileOf = matches[j]!.file;
      if (keptLines.has(i)) output.push(i);
      const more = hidden.get(fileOf) ?? 0;
      if (lastLine.get(fileOf) === i && more > 0 && keptFiles.has(fileOf)) {
        output.push({ note: `[... ${more} more matches in ${fileOf}]` });
      }
    });
    const dropped = ranked.filter(([f]) => !keptFiles.has(f));
    if (dropped.length > 0) {
      const count = dropped.reduce((a, [, js]) => a + js.length, 0);
      const names = dropped.map(([f, js]) => `${f} (${js.length})`).join(', ');
      output.push({ note: `[... ${dropped.length} more files with ${count} matches: ${names}]` });
    }
    const omitted = matches.length - keep.size;
    return renderLossy(
      text,
      split,
      output,
      keptLines.size,
      {
        kind: 'search',
        strategy: `search(${matches.length}->${keep.size})`,
        unit: 'matches',
        omitted,
        total: matches.length,
        summary: `${byFile.size} files, ${dropped.length} shown by name only`,
      },
      this.store,
    );
  }
}
