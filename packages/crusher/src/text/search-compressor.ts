import {
  anchorMatches,
  Bm25Batch,
  docText,
  errorStemLines,
  extractAnchors,
  isErrorValue,
  parseConfig,
  queryTokens,
  rankRelevant,
  SearchCompressorConfig,
  type SearchCompressorConfigInput,
} from '@headroom/core';
import { adaptiveK } from '../adaptive-k.js';
import { lowerMatchDocs, parseGrep } from './grep-lines.js';
import { LineCompressor, type LineCompressorDeps } from './line-compressor.js';
import { type Lines, lineStarts, templateOf } from './lines.js';
import { type OutputLine, renderLossy, type TextCompressionResult, unchanged } from './text-result.js';

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
    const matches = parseGrep(text, split);
    const { files } = matches;
    const texts = matches.text;
    const fileOf = matches.file;
    const m = texts.length;
    if (m < cfg.minMatchesToCompress) return unchanged(text, 'passthrough:small', lines.length);

    // Scores: query relevance, errors, context keywords; query matches and anchors are must-keep.
    // The match texts are lowercased once, as one string, and only when something searches them.
    const terms = queryTokens(query);
    const anchors = extractAnchors(query);
    const keywords = cfg.contextKeywords.map((k) => k.toLowerCase());
    const lower =
      terms.length > 0 || anchors.length > 0 || keywords.length > 0
        ? lowerMatchDocs(text, matches)
        : undefined;
    const relevant =
      lower && terms.length > 0 ? rankRelevant(new Bm25Batch(lower).scores(terms), { threshold: 0.3 }) : [];
    const score = new Float64Array(m);
    for (const r of relevant) score[r.index] = 0.6 * r.normalized;
    // Error words: one stem scan of the input screens the lines (a decoded ripgrep JSON text is
    // not in the input, so it is always checked).
    const stems = cfg.boostErrors ? errorStemLines(text, lineStarts(split)) : undefined;
    for (let j = 0; j < m; j++) {
      const t = texts[j]!;
      if (stems && (stems[matches.line[j]!] === 1 || matches.at[j] === -1) && isErrorValue(t))
        score[j]! += 0.3;
      if (lower && keywords.length > 0) {
        const lt = docText(lower, j);
        for (const k of keywords) if (lt.includes(k)) score[j]! += 0.2;
      }
      score[j] = Math.min(1, score[j]!);
    }
    const must = new Uint8Array(m);
    for (const r of relevant) must[r.index] = 1;
    if (lower && anchors.length > 0)
      for (const j of anchorMatches(texts, anchors, { lowerDocs: lower })) must[j] = 1;

    // Per file (by id): its matches in order, best score, and whether it is kept.
    const byFile: number[][] = files.map(() => []);
    for (let j = 0; j < m; j++) byFile[fileOf[j]!]!.push(j);
    const best = new Float64Array(files.length);
    for (let j = 0; j < m; j++) best[fileOf[j]!] = Math.max(best[fileOf[j]!]!, score[j]!);
    // Ties by name. File ids are in first-seen order, which is name order when the listing is
    // sorted (git grep, rg --sort path): checked in one pass that stops at the first pair out of
    // order, it lets the sort compare ids instead of strings.
    let sortedNames = true;
    for (let f = 1; f < files.length && sortedNames; f++) sortedNames = files[f - 1]! < files[f]!;
    const byName = sortedNames
      ? (a: number, b: number) => a - b
      : (a: number, b: number) => (files[a]! < files[b]! ? -1 : 1);
    const ranked = files
      .map((_, f) => f)
      .sort((a, b) => best[b]! - best[a]! || byFile[b]!.length - byFile[a]!.length || byName(a, b));
    const keptFile = new Uint8Array(files.length);
    ranked.forEach((f, rank) => {
      if (rank < cfg.maxFiles || byFile[f]!.some((j) => must[j] === 1)) keptFile[f] = 1;
    });

    const keep = new Uint8Array(m);
    let kept = 0;
    const perFile = new Int32Array(files.length);
    const take = (j: number) => {
      if (keep[j] === 1) return;
      keep[j] = 1;
      kept++;
      perFile[fileOf[j]!]!++;
    };
    for (let f = 0; f < files.length; f++) {
      if (keptFile[f] === 0) continue;
      const js = byFile[f]!;
      if (cfg.alwaysKeepFirst) take(js[0]!);
      if (cfg.alwaysKeepLast) take(js[js.length - 1]!);
      for (const j of js) if (must[j] === 1) take(j);
    }
    // Fill: best-scored first, one per near-duplicate template, per-file cap, global budget.
    // adaptiveK never exceeds maxTotalMatches, so once the kept files' first and last matches
    // reach it (usual with many files) nothing is filled and k need not be computed. Likewise the
    // kept lines' shapes are only read once a candidate gets as far as needing them.
    const budget =
      kept >= cfg.maxTotalMatches
        ? kept
        : adaptiveK(
            { n: m, serialized: (j) => texts[j]!, text: (j) => texts[j]! },
            { minK: 5, maxK: cfg.maxTotalMatches, bias },
          );
    const shape = (j: number) => `${fileOf[j]}\0${templateOf(texts[j]!)}`;
    let seen: Set<string> | undefined;
    for (const j of kept < budget ? byScore(score) : []) {
      if (kept >= budget) break;
      const f = fileOf[j]!;
      if (keep[j] === 1 || keptFile[f] === 0 || perFile[f]! >= cfg.maxMatchesPerFile) continue;
      if (seen === undefined) {
        seen = new Set<string>();
        for (let i = 0; i < m; i++) if (keep[i] === 1) seen.add(shape(i));
      }
      const s = shape(j);
      if (seen.has(s)) continue;
      seen.add(s);
      take(j);
    }
    if (kept === m) return unchanged(text, 'passthrough:nothing-to-drop', lines.length);

    // One note per file, after its last match: interleaved output (several files in turns) would
    // otherwise get a note for every dropped line.
    const matchAt = new Int32Array(lines.length).fill(-1);
    const hidden = new Int32Array(files.length);
    const lastLine = new Int32Array(files.length);
    for (let j = 0; j < m; j++) {
      const f = fileOf[j]!;
      matchAt[matches.line[j]!] = j;
      lastLine[f] = matches.line[j]!;
      if (keep[j] === 0) hidden[f]!++;
    }
    const output: OutputLine[] = [];
    let current = -1;
    for (let i = 0; i < lines.length; i++) {
      const j = matchAt[i]!;
      if (j === -1) {
        // Separators and headers stay, unless they only frame dropped files.
        if (current === -1 || keptFile[current] === 1) output.push(i);
        continue;
      }
      current = fileOf[j]!;
      if (keep[j] === 1) output.push(i);
      const more = hidden[current]!;
      if (lastLine[current] === i && more > 0 && keptFile[current] === 1) {
        output.push({ note: `[... ${more} more matches in ${files[current]}]` });
      }
    }
    const dropped = ranked.filter((f) => keptFile[f] === 0);
    if (dropped.length > 0) {
      const count = dropped.reduce((a, f) => a + byFile[f]!.length, 0);
      const names = dropped.map((f) => `${files[f]} (${byFile[f]!.length})`).join(', ');
      output.push({ note: `[... ${dropped.length} more files with ${count} matches: ${names}]` });
    }
    return renderLossy(
      text,
      split,
      output,
      kept,
      {
        kind: 'search',
        strategy: `search(${m}->${kept})`,
        unit: 'matches',
        omitted: m - kept,
        total: m,
        summary: `${files.length} files, ${dropped.length} shown by name only`,
      },
      this.store,
    );
  }
}

/**
 * Match indexes by score, highest first, ties by index: the order of a full sort, but only the
 * scored ones are sorted (unscored ones, usually most, keep index order behind them).
 */
function byScore(score: Float64Array): number[] {
  const scored: number[] = [];
  const zero: number[] = [];
  const below: number[] = [];
  for (let j = 0; j < score.length; j++) {
    if (score[j]! > 0) scored.push(j);
    else if (score[j] === 0) zero.push(j);
    else below.push(j);
  }
  const order = (a: number, b: number) => score[b]! - score[a]! || a - b;
  return [...scored.sort(order), ...zero, ...below.sort(order)];
}
