import {
  DiffCompressorConfig,
  type DiffCompressorConfigInput,
  isErrorValue,
  parseConfig,
  queryTokens,
} from '@headroom/core';
import { LineCompressor, type LineCompressorDeps } from './line-compressor.js';
import type { Lines } from './lines.js';
import { type OutputLine, renderLossy, type TextCompressionResult, unchanged } from './text-result.js';

interface Hunk {
  header: number;
  end: number;
  changed: number;
}

interface FileDiff {
  path: string;
  /** Header lines (diff --git, index, ---, +++, mode, rename) before the first hunk. */
  start: number;
  headerEnd: number;
  hunks: Hunk[];
  added: number;
  deleted: number;
}

/** Lockfiles and build output: their hunks are summarized by count, never shown. */
const GENERATED =
  /(?:^|\/)(?:package-lock\.json|pnpm-lock\.yaml|yarn\.lock|Cargo\.lock|go\.sum|poetry\.lock|composer\.lock|Gemfile\.lock|Pipfile\.lock|uv\.lock|bun\.lockb?)$|\.min\.(?:js|css)$|(?:^|\/)(?:dist|build|vendor)\//;

function parseDiff(lines: readonly string[]): FileDiff[] {
  const files: FileDiff[] = [];
  let file: FileDiff | undefined;
  let hunk: Hunk | undefined;
  lines.forEach((line, i) => {
    const gitHeader = line.startsWith('diff --git ');
    // A plain unified diff starts a file at `---` `+++` `@@`, unless we are inside a git header block.
    const plainHeader =
      line.startsWith('--- ') &&
      lines[i + 1]?.startsWith('+++ ') === true &&
      lines[i + 2]?.startsWith('@@') === true &&
      !(file && !hunk);
    if (gitHeader || plainHeader) {
      const path = /^diff --git a\/(.*?) b\//.exec(line)?.[1] ?? line.slice(4).replace(/^a\//, '');
      file = { path, start: i, headerEnd: i, hunks: [], added: 0, deleted: 0 };
      files.push(file);
      hunk = undefined;
      return;
    }
    if (!file) return;
    if (line.startsWith('@@')) {
      hunk = { header: i, end: i, changed: 0 };
      file.hunks.push(hunk);
      return;
    }
    if (!hunk) {
      file.headerEnd = i;
      if (line.startsWith('+++ ')) file.path = line.slice(4).replace(/^b\//, '');
      return;
    }
    hunk.end = i;
    if (line.startsWith('+')) {
      hunk.changed++;
      file.added++;
    } else if (line.startsWith('-')) {
      hunk.changed++;
      file.deleted++;
    }
  });
  return files;
}

/**
 * Unified diffs: every file header and hunk header stays verbatim, every changed line of a kept
 * hunk stays, unchanged context is trimmed to a small window, and generated files (lockfiles,
 * minified or built output) are summarized by count. For reading, not for `git apply`.
 */
export class DiffCompressor extends LineCompressor<DiffCompressorConfig> {
  constructor(config?: DiffCompressorConfigInput, deps: LineCompressorDeps = {}) {
    super(parseConfig(DiffCompressorConfig, config, 'diffCompressor'), deps);
  }

  protected minLines(): number {
    return this.config.minLines;
  }

  protected run(text: string, split: Lines, query: string): TextCompressionResult {
    const cfg = this.config;
    const { lines } = split;
    const files = parseDiff(lines);
    if (files.length === 0) return unchanged(text, 'passthrough:not-a-diff', lines.length);

    const terms = queryTokens(query);
    const hunkScore = (h: Hunk) => {
      const body = lines
        .slice(h.header, h.end + 1)
        .join('\n')
        .toLowerCase();
      let s = Math.min(0.3, 0.03 * h.changed);
      for (const t of terms) if (body.includes(t)) s += 0.2;
      if (isErrorValue(body) || /\b(?:security|secret|password|token|auth|cve)\b/.test(body)) s += 0.3;
      return s;
    };
    const byChanges = [...files].sort((a, b) => b.added + b.deleted - (a.added + a.deleted));
    const shownFiles = new Set(byChanges.slice(0, cfg.maxFiles));

    const output: OutputLine[] = [];
    let keptLines = 0;
    let omittedHunks = 0;
    let omittedHunkFiles = 0;
    const push = (i: number) => {
      output.push(i);
      keptLines++;
    };
    for (const file of files) {
      for (let i = file.start; i <= file.headerEnd; i++) push(i);
      if (!shownFiles.has(file) || GENERATED.test(file.path)) {
        if (file.hunks.length > 0) {
          output.push({
            note: `[... ${file.hunks.length} hunks, +${file.added} -${file.deleted} lines omitted]`,
          });
          omittedHunks += file.hunks.length;
          omittedHunkFiles++;
        }
        continue;
      }
      const hunks = file.hunks;
      const chosen = new Set<Hunk>([hunks[0]!, hunks[hunks.length - 1]!].filter(Boolean));
      for (const h of [...hunks].sort((a, b) => hunkScore(b) - hunkScore(a) || a.header - b.header)) {
        if (chosen.size >= cfg.maxHunksPerFile) break;
        chosen.add(h);
      }
      let skipped = 0;
      for (const h of hunks) {
        if (!chosen.has(h)) {
          skipped++;
          continue;
        }
        if (skipped > 0) output.push({ note: `[... ${skipped} hunks omitted]` });
        skipped = 0;
        keptLines += renderHunk(lines, h, cfg.maxContextLines, output);
      }
      if (skipped > 0) output.push({ note: `[... ${skipped} hunks omitted]` });
      const dropped = hunks.length - chosen.size;
      if (dropped > 0) {
        omittedHunks += dropped;
        omittedHunkFiles++;
      }
    }
    const added = files.reduce((a, f) => a + f.added, 0);
    const deleted = files.reduce((a, f) => a + f.deleted, 0);
    output.push({
      note: `[${files.length} files changed, +${added} -${deleted} lines; ${omittedHunks} hunks in ${omittedHunkFiles} files omitted]`,
    });
    const omitted = lines.length - keptLines;
    if (omitted === 0) return unchanged(text, 'passthrough:nothing-to-drop', lines.length);
    return renderLossy(
      text,
      split,
      output,
      keptLines,
      {
        kind: 'diff',
        strategy: `diff(${lines.length}->${keptLines})`,
        unit: 'lines',
        omitted,
        total: lines.length,
        summary: `${files.length} files, +${added} -${deleted}`,
      },
      this.store,
    );
  }
}

/** A hunk's header, all its changed lines, and at most `context` unchanged lines around each change. */
function renderHunk(lines: readonly string[], h: Hunk, context: number, out: OutputLine[]): number {
  let kept = 1;
  out.push(h.header);
  const changed: number[] = [];
  for (let i = h.header + 1; i <= h.end; i++) if (/^[+-]/.test(lines[i]!)) changed.push(i);
  const keep = new Set<number>();
  for (const c of changed)
    for (let i = Math.max(h.header + 1, c - context); i <= Math.min(h.end, c + context); i++) keep.add(i);
  let gap = 0;
  for (let i = h.header + 1; i <= h.end; i++) {
    if (keep.has(i) || lines[i]!.startsWith('\\')) {
      if (gap > 0) out.push({ note: `[... ${gap} unchanged lines]` });
      gap = 0;
      out.push(i);
      kept++;
    } else gap++;
  }
  if (gap > 0) out.push({ note: `[... ${gap} unchanged lines]` });
  return kept;
}
