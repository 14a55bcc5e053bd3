import {
  anchorMatches,
  Bm25Batch,
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
import type { Lines } from './lines.js';
import { blocksOf, informationScores, lowerLines } from './prose-lines.js';
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
    // Lowercased once for both the anchor screen and BM25 (which would lowercase every line
    // again), and only when there is an anchor or a query term.
    const anchors = [...extractAnchors(query), ...cfg.anchorKeywords.map((k) => k.toLowerCase())];
    const terms = queryTokens(query);
    const lower = anchors.length > 0 || terms.length > 0 ? lowerLines(text, split) : [];
    if (anchors.length > 0) for (const i of anchorMatches(lines, anchors, { lowerTexts: lower })) must[i] = 1;
    for (let i = 0; i < n; i++) {
      const l = lines[i]!;
      const c = l.charCodeAt(0) | 0;
      if (((c === 35 || mayBeBlank(c)) && HEADING.test(l)) || isErrorValue(l)) must[i] = 1;
    }
    if (terms.length > 0) {
      const scores = new Bm25Batch(lower, { lowercased: true }).scores(terms);
      for (const r of rankRelevant(scores, { threshold: 0.3, max: 20 })) must[r.index] = 1;
    }

    // Whole blocks: a block holding a must-keep line is kept entirely.
    const blocks = blocksOf(lines);
    const keep = new Uint8Array(n);
    let kept = 0;
    const take = (b: number) => {
      for (let i = blocks.start[b]!; i <= blocks.end[b]!; i++) {
        if (keep[i] === 0) kept++;
        keep[i] = 1;
      }
    };
    const candidates: number[] = [];
    for (let b = 0; b < blocks.count; b++) {
      let hit = false;
      for (let i = blocks.start[b]!; i <= blocks.end[b]! && !hit; i++) hit = must[i] === 1;
      if (hit) take(b);
      else candidates.push(b);
    }
    // Fill: the most informative blocks first, then an even sample, within the line budget.
    const budget = Math.max(cfg.maxTotalLines, kept);
    const info = informationScores(text, split);
    const scores = new Float64Array(blocks.count);
    for (const b of candidates) {
      let s = 0;
      for (let i = blocks.start[b]!; i <= blocks.end[b]!; i++) s += info[i]!;
      scores[b] = s / (blocks.end[b]! - blocks.start[b]! + 1);
    }
    const dense = candidates
      .filter((b) => scores[b]! >= 2)
      .sort((x, y) => scores[y]! - scores[x]! || blocks.start[x]! - blocks.start[y]!);
    const sampleSlots = Math.max(0, Math.floor(candidates.length / cfg.sampleEveryNLines));
    const sample = stride(
      candidates.map((_, j) => j),
      sampleSlots,
    ).map((j) => candidates[j]!);
    for (const b of [...dense, ...sample]) {
      const size = blocks.end[b]! - blocks.start[b]! + 1;
      if (kept + size > budget) continue;
      take(b);
    }

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
