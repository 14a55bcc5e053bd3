import type { TokenizerEngine } from '../config/core.js';
import { LruMap } from '../lru.js';
import { bpeCounter } from './engines.js';
import { type Encoding, encodingForModel } from './models.js';

export interface Tokenizer {
  /** `engine:encoding`, e.g. `gpt-tokenizer:o200k_base`. */
  readonly id: string;
  readonly encoding: Encoding;
  /** True when the encoding is the model's own tokenizer; false for Claude and unknown models. */
  readonly exact: boolean;
  /** Reported multiplier from raw BPE tokens to the provider's count (1 for exact models). */
  readonly calibration: number;
  /** Exact BPE token count of `text`; special-token literals count as text. */
  count(text: string): number;
}

export interface TokenizerOptions {
  engine?: TokenizerEngine;
  calibration?: number;
  /** Long strings (≥ 256 chars) whose counts are memoized. */
  cacheEntries?: number;
}

const LONG_STRING = 256;
const instances = new Map<string, Tokenizer>();

class BpeTokenizer implements Tokenizer {
  readonly id: string;
  private readonly cache: LruMap<string, number>;
  private counter: ((text: string) => number) | undefined;

  constructor(
    private readonly engine: TokenizerEngine,
    readonly encoding: Encoding,
    readonly exact: boolean,
    readonly calibration: number,
    cacheEntries: number,
  ) {
    this.id = `${engine}:${encoding}`;
    this.cache = new LruMap({ maxEntries: cacheEntries });
  }

  count(text: string): number {
    if (text.length === 0) return 0;
    this.counter ??= bpeCounter(this.engine, this.encoding);
    if (text.length < LONG_STRING) return this.counter(text);
    const hit = this.cache.get(text);
    if (hit !== undefined) return hit;
    const n = this.counter(text);
    this.cache.set(text, n);
    return n;
  }
}

/**
 * The tokenizer for a model: o200k for gpt-4o/4.1/5 and o-series, cl100k for gpt-4/3.5, o200k with
 * a calibration factor for Claude and unknown models. Instances are shared per configuration.
 * The default engine is gpt-tokenizer, which counts exactly like tiktoken and ~4× faster.
 */
export function getTokenizer(model?: string, opts: TokenizerOptions = {}): Tokenizer {
  const { encoding, exact } = encodingForModel(model);
  const engine = opts.engine ?? 'gpt-tokenizer';
  const calibration = opts.calibration ?? 1;
  const cacheEntries = opts.cacheEntries ?? 10_000;
  const key = `${engine}:${encoding}:${exact}:${calibration}:${cacheEntries}`;
  let t = instances.get(key);
  if (!t) {
    t = new BpeTokenizer(engine, encoding, exact, calibration, cacheEntries);
    instances.set(key, t);
  }
  return t;
}

/**
 * A cheap size estimate (UTF-8 bytes / 4, denser for JSON and code) for gating decisions only.
 * It is never reported as a token count.
 */
export function estimateTokens(text: string): number {
  const bytes = Buffer.byteLength(text, 'utf8');
  const symbols = text.length > 0 ? (text.match(/[{}[\]":,;()=<>]/g)?.length ?? 0) / text.length : 0;
  return Math.ceil(bytes / (symbols > 0.08 ? 3 : 4));
}
