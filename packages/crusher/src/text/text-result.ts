import { type CcrKind, type CcrSink, formatMarker, type MarkerUnit } from '@headroom/core';
import type { Lines } from './lines.js';

export interface TextCompressionResult {
  compressed: string;
  original: string;
  wasModified: boolean;
  strategy: string;
  keptLines: number;
  totalLines: number;
  /** Set iff something was dropped: the CCR hash of `original`. */
  ccrHash?: string;
}

export function unchanged(original: string, strategy: string, totalLines: number): TextCompressionResult {
  return { compressed: original, original, wasModified: false, strategy, keptLines: totalLines, totalLines };
}

/** One line of the output: an input line (by index) or an informational line of ours. */
export type OutputLine = number | { note: string };

export interface LossyOutput {
  kind: CcrKind;
  strategy: string;
  unit: MarkerUnit;
  omitted: number;
  total: number;
  summary?: string;
  toolName?: string;
}

/**
 * Stores the original and renders the kept lines (byte-identical), our notes, and the marker on its
 * own final line. Without a store nothing may be dropped, so the input comes back unchanged.
 */
export function renderLossy(
  original: string,
  split: Lines,
  output: readonly OutputLine[],
  keptLines: number,
  meta: LossyOutput,
  store: CcrSink | null,
): TextCompressionResult {
  if (!store || meta.omitted === 0)
    return unchanged(original, 'passthrough:lossless-only', split.lines.length);
  const body = output.map((o) => (typeof o === 'number' ? split.lines[o]! : o.note));
  const tail = split.trailingEol ? split.eol : '';
  // Not smaller than the input (notes and marker outweigh what was dropped): nothing is gained,
  // so nothing is stored. A marker's hash is always 24 hex chars.
  const size = (marker: string) =>
    body.reduce((a, line) => a + line.length + split.eol.length, 0) + marker.length + tail.length;
  const sized = formatMarker({
    hash: '0'.repeat(24),
    omitted: meta.omitted,
    total: meta.total,
    unit: meta.unit,
    summary: meta.summary,
  });
  if (size(sized) >= original.length)
    return unchanged(original, 'passthrough:not-smaller', split.lines.length);
  const hash = store.put({
    original,
    kind: meta.kind,
    strategy: meta.strategy,
    unit: meta.unit,
    omitted: meta.omitted,
    total: meta.total,
    ...(meta.toolName === undefined ? {} : { toolName: meta.toolName }),
  });
  const marker = formatMarker({
    hash,
    omitted: meta.omitted,
    total: meta.total,
    unit: meta.unit,
    summary: meta.summary,
  });
  body.push(marker);
  const compressed = body.join(split.eol) + tail;
  return {
    compressed,
    original,
    wasModified: true,
    strategy: meta.strategy,
    keptLines,
    totalLines: split.lines.length,
    ccrHash: hash,
  };
}

/**
 * Kept line indexes (sorted) plus every gap that costs less to keep than to mark: a run of blank
 * lines, or dropped lines no longer than the note that would replace them.
 */
export function closeCheapGaps(
  kept: readonly number[],
  lines: readonly string[],
  noteLength: number,
): number[] {
  const out: number[] = [];
  let next = 0;
  const gap = (from: number, to: number) => {
    let chars = 0;
    let blank = true;
    for (let i = from; i < to; i++) {
      chars += lines[i]!.length;
      blank &&= lines[i]!.trim() === '';
    }
    if (blank || chars <= noteLength) for (let i = from; i < to; i++) out.push(i);
  };
  for (const i of kept) {
    if (i > next) gap(next, i);
    out.push(i);
    next = i + 1;
  }
  if (next < lines.length) gap(next, lines.length);
  return out;
}

/** Kept line indexes in order, with one gap note for every run of dropped lines. */
export function withGaps(kept: readonly number[], total: number, note: (n: number) => string): OutputLine[] {
  const out: OutputLine[] = [];
  let next = 0;
  for (const i of kept) {
    if (i > next) out.push({ note: note(i - next) });
    out.push(i);
    next = i + 1;
  }
  if (next < total) out.push({ note: note(total - next) });
  return out;
}
