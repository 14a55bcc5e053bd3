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
import { LineCompressor, type LineCompressorDeps } from './line-compressor.js';
import type { Lines } from './lines.js';
import {
  closeCheapGaps,
  renderLossy,
  type TextCompressionResult,
  unchanged,
  withGaps,
} from './text-result.js';

/** Atomic blocks: a fenced code block or a table is kept or dropped whole, never cut inside. */
function blocksOf(lines: readonly string[]): [number, number][] {
  const blocks: [number, number][] = [];
  let i = 0;
  while (i < lines.length) {
    const fence = /^\s*(```|~~~)/.exec(lines[i]!);
    let end = i;
    if (fence) {
      end = i + 1;
      while (end < lines.length && !lines[end]!.trimStart().startsWith(fence[1]!)) end++;
      end = Math.min(end, lines.length - 1);
    } else if (/^\s*\|.*\|\s*$/.test(lines[i]!)) {
      while (end + 1 < lines.length && /^\s*\|.*\|\s*$/.test(lines[end + 1]!)) end++;
    }
    blocks.push([i, end]);
    i = end + 1;
  }
  return blocks;
}

/**
 * Cheap information score: numbers, URLs, paths, proper names inside a sentence, identifiers.
 * Substring checks gate each regex, so plain prose costs a few `includes`.
 */
function information(line: string): number {
  if (line.trim().length === 0) return -1;
  let s = 0;
  if (/\d/.test(line)) s += 1;
  if (line.includes('://') || line.includes('www.')) s += 1;
  if (line.includes('/') && /(?:^|\s)(?:\.{0,2}\/)?[\w.-]+\/[\w./-]+/.test(line)) s += 1;
  if (/[^.!?\s] [A-Z][a-z]/.test(line)) s += 0.5;
  if (line.includes('`') || line.includes('_') || /[a-z][A-Z]/.test(line)) s += 0.5;
  return s;
}

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

    const must = new Set<number>();
    for (let i = 0; i < Math.min(cfg.keepFirstLines, n); i++) must.add(i);
    for (let i = Math.max(0, n - cfg.keepLastLines); i < n; i++) must.add(i);
    const anchors = [...extractAnchors(query), ...cfg.anchorKeywords.map((k) => k.toLowerCase())];
    for (const i of anchorMatches(lines, anchors)) must.add(i);
    lines.forEach((l, i) => {
      if (/^\s{0,3}#{1,6}\s/.test(l) || isErrorValue(l)) must.add(i);
    });
    const relevant = rankRelevant(new Bm25Batch(lines).scores(queryTokens(query)), {
      threshold: 0.3,
      max: 20,
    });
    for (const r of relevant) must.add(r.index);

    // Whole blocks: a block holding a must-keep line is kept entirely.
    const blocks = blocksOf(lines);
    const keep = new Set<number>();
    const take = ([a, b]: [number, number]) => {
      for (let i = a; i <= b; i++) keep.add(i);
    };
    const candidates: [number, number][] = [];
    for (const block of blocks) {
      let hit = false;
      for (let i = block[0]; i <= block[1] && !hit; i++) hit = must.has(i);
      if (hit) take(block);
      else candidates.push(block);
    }
    // Fill: the most informative blocks first, then an even sample, within the line budget.
    const budget = Math.max(cfg.maxTotalLines, keep.size);
    const scores = new Map(
      candidates.map((block) => {
        let s = 0;
        for (let i = block[0]; i <= block[1]; i++) s += information(lines[i]!);
        return [block, s / (block[1] - block[0] + 1)] as const;
      }),
    );
    const dense = candidates
      .filter((b) => scores.get(b)! >= 2)
      .sort((x, y) => scores.get(y)! - scores.get(x)! || x[0] - y[0]);
    const sampleSlots = Math.max(0, Math.floor(candidates.length / cfg.sampleEveryNLines));
    const sample = stride(
      candidates.map((_, j) => j),
      sampleSlots,
    ).map((j) => candidates[j]!);
    for (const block of [...dense, ...sample]) {
      const size = block[1] - block[0] + 1;
      if (keep.size + size > budget) continue;
      take(block);
    }

    const note = (k: number) => `[... ${k} lines omitted ...]`;
    const kept = closeCheapGaps(
      [...keep].sort((a, b) => a - b),
      lines,
      note(n).length,
    );
    const omitted = n - kept.length;
    if (omitted === 0) return unchanged(text, 'passthrough:nothing-to-drop', n);
    return renderLossy(
      text,
      split,
      withGaps(kept, n, note),
      kept.length,
      { kind: 'text', strategy: `text(${n}->${kept.length})`, unit: 'lines', omitted, total: n },
      this.store,
    );
  }
}
