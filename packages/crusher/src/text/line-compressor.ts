import { type CcrSink, defaultCcrStore, hasMarker } from '@headroom/core';
import { type Lines, splitLines } from './lines.js';
import { type TextCompressionResult, unchanged } from './text-result.js';

export interface LineCompressOptions {
  /** The relevance query (the user's question, tool-call argument values). */
  query?: string;
  /** Multiplies the kept-line budget where a compressor has one (per-tool profiles: Grep 1.5). */
  bias?: number;
}

export interface LineCompressorDeps {
  /** Where originals go; `null` means no CCR, so nothing may be dropped. */
  store?: CcrSink | null;
}

/**
 * What the four text utilities share: a config, the store, and a fail-open `compress` that leaves
 * small or already-compressed text alone and turns any exception into an unchanged result.
 */
export abstract class LineCompressor<Config> {
  constructor(
    readonly config: Config,
    private readonly deps: LineCompressorDeps,
  ) {}

  compress(text: string, opts: LineCompressOptions = {}): TextCompressionResult {
    try {
      const split = splitLines(text);
      if (split.lines.length < this.minLines())
        return unchanged(text, 'passthrough:small', split.lines.length);
      if (hasMarker(text)) return unchanged(text, 'passthrough:already-compressed', split.lines.length);
      return this.run(text, split, opts.query ?? '', opts.bias ?? 1);
    } catch {
      return unchanged(text, 'passthrough:error', 0);
    }
  }

  protected get store(): CcrSink | null {
    return this.deps.store === undefined ? defaultCcrStore() : this.deps.store;
  }

  /** Inputs with fewer lines pass through unchanged. */
  protected abstract minLines(): number;

  protected abstract run(text: string, split: Lines, query: string, bias: number): TextCompressionResult;
}
