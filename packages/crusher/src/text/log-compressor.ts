import { LogCompressorConfig, type LogCompressorConfigInput, parseConfig } from '@headroom/core';
import { KeyIds } from './key-ids.js';
import { LineCompressor, type LineCompressorDeps } from './line-compressor.js';
import { type Lines, lineStarts, templateOf } from './lines.js';
import { classifyLines, levelAt, levelIndex, stackTraces } from './log-lines.js';
import { templateKeyAt } from './log-scan.js';
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

    // Levels and summaries from native scans of the whole text; templates as dense ids (first-seen
    // order), each key read in place in `text` (flat, faster to read than the split-off line).
    const starts = lineStarts(split);
    const { levels, summary } = classifyLines(text, lines, starts);
    const keep = cfg.keepSummaryLines ? summary : new Uint8Array(n);
    const templates = new Int32Array(n);
    const ids = new KeyIds();
    const { keys } = ids;
    const counts: number[] = [];
    const example: number[] = [];
    for (let i = 0; i < n; i++) {
      const id = ids.id(templateKeyAt(text, starts[i]!, starts[i + 1]! - split.eol.length));
      if (id === counts.length) {
        counts.push(0);
        example.push(i);
      }
      counts[id]!++;
      templates[i] = id;
    }
    for (let i = 0; i < Math.min(cfg.keepHeadLines, n); i++) keep[i] = 1;
    for (let i = Math.max(0, n - cfg.keepTailLines); i < n; i++) keep[i] = 1;

    // Errors: first and last occurrence of every distinct template, with context around the first.
    const firstSeen = new Int32Array(keys.length).fill(-1);
    const lastSeen = new Int32Array(keys.length).fill(-1);
    for (let i = 0; i < n; i++) {
      if (levels[i]! > FAIL) continue;
      const t = templates[i]!;
      if (firstSeen[t] === -1) {
        firstSeen[t] = i;
        const to = Math.min(n - 1, i + cfg.errorContextLines);
        for (let c = Math.max(0, i - cfg.errorContextLines); c <= to; c++) keep[c] = 1;
      }
      lastSeen[t] = i;
    }
    for (let t = 0; t < keys.length; t++) if (lastSeen[t] !== -1) keep[lastSeen[t]!] = 1;

    // Stack traces: the first few, whole up to stackTraceMaxLines, else head and last 3 lines.
    for (const [start, end] of stackTraces(lines, text, starts).slice(0, cfg.maxStackTraces)) {
      const length = end - start + 1;
      const head = length <= cfg.stackTraceMaxLines ? length : cfg.stackTraceMaxLines - 3;
      for (let i = start; i < start + head; i++) keep[i] = 1;
      for (let i = Math.max(start + head, end - 2); i <= end; i++) keep[i] = 1;
    }

    // Warnings: one line per template, a few templates.
    const warningTemplates = new Set<number>();
    for (let i = 0; i < n; i++) {
      if (levels[i] !== WARN) continue;
      const t = templates[i]!;
      if (warningTemplates.has(t) && cfg.dedupeWarnings) continue;
      if (warningTemplates.size >= cfg.maxWarningTemplates && !warningTemplates.has(t)) continue;
      warningTemplates.add(t);
      keep[i] = 1;
    }

    // The rest: an even sample of the remaining lines within the budget, one per template.
    const rest: number[] = [];
    for (let i = 0; i < n; i++) if (keep[i] === 0 && levels[i] !== WARN) rest.push(i);
    const sampled = new Uint8Array(keys.length);
    const budget = cfg.maxTotalLines;
    let added = 0;
    const step = Math.max(1, Math.ceil(rest.length / Math.max(1, budget)));
    for (let j = 0; j < rest.length && added < budget; j += step) {
      const i = rest[j]!;
      if (sampled[templates[i]!] === 1) continue;
      sampled[templates[i]!] = 1;
      keep[i] = 1;
      added++;
    }

    const note = (k: number) => `[... ${k} lines omitted]`;
    const marked: number[] = [];
    for (let i = 0; i < n; i++) if (keep[i] === 1) marked.push(i);
    const kept = closeCheapGaps(marked, lines, note(n).length);
    const omitted = n - kept.length;
    if (omitted === 0) return unchanged(text, 'passthrough:nothing-to-drop', n);
    const keptMask = new Uint8Array(n);
    for (const i of kept) keptMask[i] = 1;
    const output = withGaps(kept, n, note);
    const repeats = topRepeats(keys, counts, (t) => templateOf(lines[example[t]!]!));
    output.push({ note: footer(omitted, levelSummary(levels, keptMask), repeats) });
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

const FAIL = levelIndex('fail');
const WARN = levelIndex('warn');
const SHOWN = (['error', 'fail', 'warn', 'info', 'debug'] as const).map(levelIndex);

/** `a ERROR, b WARN, …`: dropped lines by level (`levels` holds ORDER indexes). */
function levelSummary(levels: Uint8Array, keep: Uint8Array): string {
  const dropped = new Array<number>(8).fill(0);
  for (let i = 0; i < levels.length; i++) if (keep[i] === 0) dropped[levels[i]!]!++;
  return SHOWN.filter((l) => dropped[l]! > 0)
    .map((l) => `${dropped[l]} ${levelAt(l).toUpperCase()}`)
    .join(', ');
}

/** The three most repeated templates (ties by key), rendered: `"template" ×37`. */
function topRepeats(keys: number[], counts: number[], render: (id: number) => string): string[] {
  const ids: number[] = [];
  for (let t = 0; t < keys.length; t++) if (counts[t]! > 1) ids.push(t);
  return ids
    .sort((a, b) => counts[b]! - counts[a]! || keys[a]! - keys[b]!)
    .slice(0, 3)
    .map((t) => {
      const s = render(t);
      return `"${s.length > 80 ? `${s.slice(0, 77)}...` : s}" ×${counts[t]}`;
    });
}

/** `[N lines omitted: a ERROR, b WARN, …; repeats: "template" ×37]` — exact counts. */
function footer(omitted: number, levelsPart: string, repeats: string[]): string {
  return `[${omitted} lines omitted${levelsPart ? `: ${levelsPart}` : ''}${repeats.length ? `; repeats: ${repeats.join(', ')}` : ''}]`;
}
