import { createRequire } from 'node:module';
import type { TokenizerEngine } from '../config/core.js';
import { HeadroomError } from '../errors.js';
import type { Encoding } from './models.js';

export type CountFn = (text: string) => number;

// Engines load lazily and synchronously on first use: each BPE table costs ~400 ms to load.
const require = createRequire(import.meta.url);
const loaded = new Map<string, CountFn>();

interface GptTokenizerModule {
  countTokens(text: string, options: { disallowedSpecial: Set<string> }): number;
}
interface TiktokenEncoder {
  encode(text: string, allowedSpecial: string[], disallowedSpecial: string[]): Uint32Array;
  free(): void;
}

// Tool outputs are untrusted: special-token literals such as <|endoftext|> are counted as text.
const NO_SPECIALS = new Set<string>();

function loadGptTokenizer(encoding: Encoding): CountFn {
  const mod = require(`gpt-tokenizer/cjs/encoding/${encoding}`) as GptTokenizerModule;
  return (text) => mod.countTokens(text, { disallowedSpecial: NO_SPECIALS });
}

function loadTiktoken(encoding: Encoding): CountFn {
  const { get_encoding } = require('tiktoken') as { get_encoding(name: string): TiktokenEncoder };
  const encoder = get_encoding(encoding);
  // One WASM encoder per encoding for the life of the process, freed on exit.
  process.once('exit', () => encoder.free());
  return (text) => encoder.encode(text, [], []).length;
}

export function bpeCounter(engine: TokenizerEngine, encoding: Encoding): CountFn {
  const key = `${engine}:${encoding}`;
  let fn = loaded.get(key);
  if (!fn) {
    try {
      fn = engine === 'tiktoken' ? loadTiktoken(encoding) : loadGptTokenizer(encoding);
    } catch (error) {
      throw new HeadroomError('TOKENIZER_UNAVAILABLE', `Cannot load ${engine} (${encoding})`, {
        cause: error,
      });
    }
    loaded.set(key, fn);
  }
  return fn;
}
