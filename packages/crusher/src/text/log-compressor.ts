import { LogCompressorConfig, type LogCompressorConfigInput, parseConfig } from '@headroom/core';
import { LineCompressor, type LineCompressorDeps } from './line-compressor.js';
import { type Lines, templateKey, templateOf } from './lines.js';
import { isSummary, type Level, levelOf, stackTraces } from './log-lines.js';
import {
  closeCheapGaps,
  renderLossy,
  type TextCompressionResult,
  unchanged,
  withGaps,
} from './text-result.js';

/**
 * Build, test and server logs: every distinct error keeps its first and last occurrence (repeats are
 * counted, `×37`), stack traces stay whole, summaries and the head and tail stay, warnings are
 * reduced to one line per template, and INFO/DEBUG lines are sampled within a budget.
 */
export class LogCompressor extends LineCompressor<LogCompressorConfig> {
  constructor(config?: LogCompressorConfigInput, deps: LineCompressorDeps = {}) {
    super(parseConfig(LogCompressorConfig, config, 'logCompressor'), deps);
  }

  protected minLines(): number {
    return this.config.minLines;
  }

  protected run(text: string, split: Lines, _query: string): TextCompressionResult {
    const cfg = this.config;
    const { lines } = split;
    const n = lines.length;

    const keep = new Set<number>();
    const levels = lines.map(levelOf);
    const templates = lines.map(templateKey);
    for (let i = 0; i < Math.min(cfg.keepHeadLines, n); i++) keep.add(i);
    for (let i = Math.max(0, n - cfg.keepTailLines); i < n; i++) keep.add(i);
    if (cfg.keepSummaryLines) {
      lines.forEach((l, i) => {
        if (isSummary(l)) keep.add(i);
      });
    }

    // Errors: first and last occurrence of every distinct template, with context around the first.
    const firstSeen = new Map<number, number>();
    const lastSeen = new Map<number, number>();
    const counts = new Map<number, number>();
    const example = new Map<number, number>();
    levels.forEach((level, i) => {
      const t = templates[i]!;
      counts.set(t, (counts.get(t) ?? 0) + 1);
      if (!example.has(t)) example.set(t, i);
      if (level !== 'error' && level !== 'fail') return;
      if (!firstSeen.has(t)) {
        firstSeen.set(t, i);
        for (
          let c = Math.max(0, i - cfg.errorContextLines);
          c <= Math.min(n - 1, i + cfg.errorContextLines);
          c++
        )
          keep.add(c);
      }
      lastSeen.set(t, i);
    });
    for (const i of [...firstSeen.values(), ...lastSeen.values()]) keep.add(i);

    // Stack traces: the first few, whole up to stackTraceMaxLines, else head and last 3 lines.
    for (const [start, end] of stackTraces(lines).slice(0, cfg.maxStackTraces)) {
      const length = end - start + 1;
      const head = length <= cfg.stackTraceMaxLines ? length : cfg.stackTraceMaxLines - 3;
      for (let i = start; i < start + head; i++) keep.add(i);
      for (let i = Math.max(start + head, end - 2); i <= end; i++) keep.add(i);
    }

    // Warnings: one line per template, a few templates.
    const warningTemplates = new Set<number>();
    levels.forEach((level, i) => {
      if (level !== 'warn') return;
      const t = templates[i]!;
      if (warningTemplates.has(t) && cfg.dedupeWarnings) return;
      if (warningTemplates.size >= cfg.maxWarningTemplates && !warningTemplates.has(t)) return;
      warningTemplates.add(t);
      keep.add(i);
    });

    // The rest: an even sample of the remaining lines within the budget, one per template.
    const rest = [...Array(n).keys()].filter((i) => !keep.has(i) && levels[i] !== 'warn');
    const sampled = new Set<number>();
    const budget = cfg.maxTotalLines;
    let added = 0;
    const step = Math.max(1, Math.ceil(rest.length / Math.max(1, budget)));
    for (let j = 0; j < rest.length && added < budget; j += step) {
      const i = rest[j]!;
      if (sampled.has(templates[i]!)) continue;
      sampled.add(templates[i]!);
      keep.add(i);
      added++;
    }

    const note = (k: number) => `[... ${k} lines omitted]`;
    const kept = closeCheapGaps(
      [...keep].sort((a, b) => a - b),
      lines,
      note(n).length,
    );
    const omitted = n - kept.length;
    if (omitted === 0) return unchanged(text, 'passthrough:nothing-to-drop', n);
    const output = withGaps(kept, n, note);
    output.push({
      note: footer(n, levels, new Set(kept), counts, (t) => templateOf(lines[example.get(t)!]!)),
    });
    return renderLossy(
      text,
      split,
      output,
      kept.length,
      {
        kind: 'log',
        strategy: `log(${n}->${kept.length})`,
        unit: 'lines',
        omitted,
        total: n,
        summary: levelSummary(levels, keep),
      },
      this.store,
    );
  }
}

const SHOWN: Level[] = ['error', 'fail', 'warn', 'info', 'debug'];

function levelSummary(levels: readonly Level[], keep: ReadonlySet<number>): string {
  const dropped = new Map<Level, number>();
  levels.forEach((l, i) => {
    if (!keep.has(i)) dropped.set(l, (dropped.get(l) ?? 0) + 1);
  });
  return SHOWN.filter((l) => dropped.has(l))
    .map((l) => `${dropped.get(l)} ${l.toUpperCase()}`)
    .join(', ');
}

/** `[N lines omitted: a ERROR, b WARN, …; repeats: "template" ×37]` — exact counts. */
function footer(
  total: number,
  levels: readonly Level[],
  keep: ReadonlySet<number>,
  counts: ReadonlyMap<number, number>,
  render: (key: number) => string,
): string {
  const omitted = total - keep.size;
  const repeats = [...counts]
    .filter(([, c]) => c > 1)
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, 3)
    .map(([key, c]) => {
      const t = render(key);
      return `"${t.length > 80 ? `${t.slice(0, 77)}...` : t}" ×${c}`;
    });
  const levelsPart = levelSummary(levels, keep);
  return `[${omitted} lines omitted${levelsPart ? `: ${levelsPart}` : ''}${repeats.length ? `; repeats: ${repeats.join(', ')}` : ''}]`;
}
