import type { TokenizerEngine } from '../config/core.js';
import { LruMap } from '../lru.js';
import { bpeCounter } from './engines.js';
import { countWithLongRuns } from './long-runs.js';
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
// The memo keeps whole strings as keys; bound them by size too, or 10,000 unique 100 KB tool
// outputs would pin a gigabyte.
const CACHE_MAX_CHARS = 16 * 1024 * 1024;

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
    this.cache = new LruMap({
      maxEntries: cacheEntries,
      maxBytes: CACHE_MAX_CHARS,
      sizeOf: (_n, key) => key.length,
    });
  }

  count(text: string): number {
    if (text.length === 0) return 0;
    this.counter ??= bpeCounter(this.engine, this.encoding);
    if (text.length < LONG_STRING) return this.counter(text);
    const hit = this.cache.get(text);
    if (hit !== undefined) return hit;
    const n = countWithLongRuns(text, this.counter);
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

const JSON_SYMBOLS = new Uint8Array(128);
for (const c of '{}[]":,;()=<>') JSON_SYMBOLS[c.charCodeAt(0)] = 1;

/**
 * A cheap size estimate (UTF-8 bytes / 4, denser for JSON and code) for gating decisions only.
 * It is never reported as a token count.
 */
export function estimateTokens(text: string): number {
  if (text.length === 0) return 0;
  return Math.ceil(Buffer.byteLength(text, 'utf8') / (symbolDensity(text) > 0.08 ? 3 : 4));
}

const SAMPLE_WINDOWS = 16;
const SAMPLE_WINDOW = 1024;

/**
 * Share of JSON/code symbols: counted over the whole text up to 32 K characters, over 16 evenly
 * spaced 1 K windows beyond (an estimate; a full scan of 100 KB costs ~0.7 ms here).
 */
function symbolDensity(text: string): number {
  if (text.length <= 2 * SAMPLE_WINDOWS * SAMPLE_WINDOW)
    return countSymbols(text, 0, text.length) / text.length;
  const stride = Math.floor((text.length - SAMPLE_WINDOW) / (SAMPLE_WINDOWS - 1));
  let symbols = 0;
  for (let w = 0; w < SAMPLE_WINDOWS; w++)
    symbols += countSymbols(text, w * stride, w * stride + SAMPLE_WINDOW);
  return symbols / (SAMPLE_WINDOWS * SAMPLE_WINDOW);
}

function countSymbols(text: string, from: number, to: number): number {
  let symbols = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 128 && JSON_SYMBOLS[c] === 1) symbols++;
  }
  return symbols;
}

/**
 * A Tokenizer whose counts are `estimateTokens`: for hot paths whose decisions (a floor, a
 * ratio) tolerate an estimate and whose numbers are never reported as token counts — the proxy
 * counts what it forwarded exactly, after dispatch.
 */
export const estimatingTokenizer: Tokenizer = {
  id: 'estimate',
  encoding: 'o200k_base',
  exact: false,
  calibration: 1,
  count: estimateTokens,
};
