import {
  anchorMatches,
  Bm25Batch,
  errorStemLines,
  extractAnchors,
  isErrorValue,
  parseConfig,
  queryTokens,
  rankRelevant,
  TextCompressorConfig,
  type TextCompressorConfigInput,
} from '@headroom/core';
import { stride } from '../fill.js';
import { mayBeBlank } from './char-class.js';
import { LineCompressor, type LineCompressorDeps } from './line-compressor.js';
import { type Lines, lineStarts } from './lines.js';
import { blocksOf, informationScores, lowerLineDocs } from './prose-lines.js';
import {
  closeCheapGaps,
  renderLossy,
  type TextCompressionResult,
  unchanged,
  withGaps,
} from './text-result.js';

/**
 * Prose and markdown: headings, first and last lines, error lines, anchors, query matches and
 * lines dense in numbers, names, URLs and paths stay; fenced code and tables stay whole or go
 * whole; the rest is sampled evenly within `maxTotalLines`.
 */
export class TextCompressor extends LineCompressor<TextCompressorConfig> {
  constructor(config?: TextCompressorConfigInput, deps: LineCompressorDeps = {}) {
    super(parseConfig(TextCompressorConfig, config, 'textCompressor'), deps);
  }

  protected minLines(): number {
    return this.config.minLines;
  }

  protected run(text: string, split: Lines, query: string): TextCompressionResult {
    const cfg = this.config;
    const { lines } = split;
    const n = lines.length;

    const must = new Uint8Array(n);
    for (let i = 0; i < Math.min(cfg.keepFirstLines, n); i++) must[i] = 1;
    for (let i = Math.max(0, n - cfg.keepLastLines); i < n; i++) must[i] = 1;
    // Lowercased once, as one text with line offsets, for both the anchor screen and BM25 (each
    // searches it once per term), and only when there is an anchor or a query term.
    const anchors = [...extractAnchors(query), ...cfg.anchorKeywords.map((k) => k.toLowerCase())];
    const terms = queryTokens(query);
    const starts = lineStarts(split);
    const lower = anchors.length > 0 || terms.length > 0 ? lowerLineDocs(text, split, starts) : undefined;
    if (lower && anchors.length > 0)
      for (const i of anchorMatches(lines, anchors, { lowerDocs: lower })) must[i] = 1;
    // Error words: one stem scan of the whole text; only lines holding a stem are checked exactly.
    const stems = errorStemLines(text, starts);
    for (let i = 0; i < n; i++) {
      const l = lines[i]!;
      const c = l.charCodeAt(0) | 0;
      if (((c === 35 || mayBeBlank(c)) && HEADING.test(l)) || (stems[i] === 1 && isErrorValue(l)))
        must[i] = 1;
    }
    if (lower && terms.length > 0) {
      const scores = new Bm25Batch(lower).scores(terms);
      for (const r of rankRelevant(scores, { threshold: 0.3, max: 20 })) must[r.index] = 1;
    }

    // Whole blocks: a block holding a must-keep line is kept entirely (blocks are disjoint).
    const blocks = blocksOf(lines);
    const { start, end } = blocks;
    const keep = new Uint8Array(n);
    let kept = 0;
    const candidates: number[] = [];
    for (let b = 0; b < blocks.count; b++) {
      const from = start[b]!;
      const to = end[b]!;
      let hit = false;
      for (let i = from; i <= to; i++) {
        if (must[i] === 1) {
          hit = true;
          break;
        }
      }
      if (!hit) candidates.push(b);
      else {
        keep.fill(1, from, to + 1);
        kept += to - from + 1;
      }
    }
    // Fill: the most informative blocks first, then an even sample, within the line budget.
    const budget = Math.max(cfg.maxTotalLines, kept);
    const info = informationScores(text, split, starts);
    const scores = new Float64Array(blocks.count);
    const dense: number[] = [];
    for (const b of candidates) {
      let s = 0;
      for (let i = start[b]!; i <= end[b]!; i++) s += info[i]!;
      scores[b] = s / (end[b]! - start[b]! + 1);
      if (scores[b]! >= 2) dense.push(b);
    }
    dense.sort((x, y) => scores[y]! - scores[x]! || start[x]! - start[y]!);
    const sample = stride(candidates, Math.max(0, Math.floor(candidates.length / cfg.sampleEveryNLines)));
    const fill = (b: number) => {
      const size = end[b]! - start[b]! + 1;
      // A block sampled after being taken as dense adds nothing.
      if (kept + size > budget || keep[start[b]!] === 1) return;
      keep.fill(1, start[b]!, end[b]! + 1);
      kept += size;
    };
    for (const b of dense) fill(b);
    for (const b of sample) fill(b);

    const note = (k: number) => `[... ${k} lines omitted ...]`;
    const marked: number[] = [];
    for (let i = 0; i < n; i++) if (keep[i] === 1) marked.push(i);
    const keptLines = closeCheapGaps(marked, lines, note(n).length);
    const omitted = n - keptLines.length;
    if (omitted === 0) return unchanged(text, 'passthrough:nothing-to-drop', n);
    return renderLossy(
      text,
      split,
      withGaps(keptLines, n, note),
      keptLines.length,
      { kind: 'text', strategy: `text(${n}->${keptLines.length})`, unit: 'lines', omitted, total: n },
      this.store,
    );
  }
}

const HEADING = /^\s{0,3}#{1,6}\s/;
