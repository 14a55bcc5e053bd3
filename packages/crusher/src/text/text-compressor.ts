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
import { LineCompressor, type LineCompressorDeps } from './line-compressor.js';
import { type Lines, lineStarts } from './lines.js';
import { multiLineBlocks } from './prose-blocks.js';
import { fillBudget } from './prose-fill.js';
import { lowerLineDocs } from './prose-lines.js';
import { leadChar, linesHolding, searchLimit } from './prose-scan.js';
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

  /** The last query's anchors and terms: one query is typically asked of many tool outputs. */
  private parsed: { query: string; anchors: string[]; terms: string[] } | undefined;

  private queryParts(query: string): { anchors: string[]; terms: string[] } {
    if (this.parsed?.query !== query) {
      const keywords = this.config.anchorKeywords.map((k) => k.toLowerCase());
      this.parsed = { query, anchors: [...extractAnchors(query), ...keywords], terms: queryTokens(query) };
    }
    return this.parsed;
  }

  protected run(text: string, split: Lines, query: string): TextCompressionResult {
    const cfg = this.config;
    const { lines } = split;
    const n = lines.length;

    const must = new Uint8Array(n);
    // Lines are marked once each, and counted: `kept` is the number of ones in `must`.
    let kept = 0;
    const mark = (i: number) => {
      if (must[i] === 0) {
        must[i] = 1;
        kept++;
      }
    };
    for (let i = 0; i < Math.min(cfg.keepFirstLines, n); i++) mark(i);
    for (let i = Math.max(0, n - cfg.keepLastLines); i < n; i++) mark(i);
    // Lowercased once, as one text with line offsets, for both the anchor screen and BM25 (each
    // searches it once per term), and only when there is an anchor or a query term.
    const { anchors, terms } = this.queryParts(query);
    const starts = lineStarts(split);
    const lower = anchors.length > 0 || terms.length > 0 ? lowerLineDocs(text, split, starts) : undefined;
    if (lower && anchors.length > 0)
      for (const i of anchorMatches(lines, anchors, { lowerDocs: lower })) mark(i);
    // Headings: only lines holding a `#` can be one. Error words: one stem scan of the whole
    // text; only lines holding a stem are checked exactly.
    for (const i of linesHolding(text, starts, ['#'], searchLimit(n)) ?? lines.keys()) {
      const l = lines[i]!;
      if (leadChar(l) === 35 && HEADING.test(l)) mark(i);
    }
    const stems = errorStemLines(text, starts);
    for (let i = 0; i < n; i++) if (stems[i] === 1 && isErrorValue(lines[i]!)) mark(i);
    if (lower && terms.length > 0) {
      const scores = new Bm25Batch(lower).scores(terms);
      for (const r of rankRelevant(scores, { threshold: 0.3, max: 20 })) mark(r.index);
    }

    // Whole blocks: fenced code or a table holding a must-keep line is kept entirely (every other
    // line is a block of its own), which leaves `must` holding the kept lines.
    const keep = must;
    const spans = multiLineBlocks(text, lines, starts);
    for (let k = 0; k < spans.count; k++) {
      const from = spans.start[k]!;
      const to = spans.end[k]!;
      let hit = false;
      for (let i = from; i <= to && !hit; i++) hit = keep[i] === 1;
      if (hit) for (let i = from; i <= to; i++) mark(i);
    }
    // Fill: the most informative blocks first, then an even sample, within the line budget.
    fillBudget({
      text,
      split,
      starts,
      spans,
      keep,
      kept,
      budget: Math.max(cfg.maxTotalLines, kept),
      sampleEveryNLines: cfg.sampleEveryNLines,
    });

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
