import {
  CacheAlignerConfig,
  type CacheAlignerConfigInput,
  configFingerprint,
  parseConfig,
} from '@headroom/core';
import { LabelMatcher } from './labels.js';

export interface CustomGrammar {
  name: string;
  re: RegExp;
}

/** A parsed config with everything derived from it compiled once: labels, custom grammars, fingerprint. */
export interface CompiledConfig {
  readonly config: CacheAlignerConfig;
  readonly fingerprint: string;
  readonly labels: LabelMatcher;
  readonly customPatterns: readonly CustomGrammar[];
}

/** Throws `INVALID_CONFIG` (constructors may throw; request paths call this only with known configs). */
export function compileConfig(input?: CacheAlignerConfigInput): CompiledConfig {
  const config = parseConfig(CacheAlignerConfig, input, 'cacheAligner');
  return {
    config,
    fingerprint: configFingerprint(config),
    labels: new LabelMatcher(config.extraLabels),
    customPatterns: config.customPatterns.map((p) => ({ name: p.name, re: new RegExp(p.pattern, 'gu') })),
  };
}

let defaults: CompiledConfig | undefined;
const byInput = new WeakMap<object, CompiledConfig>();

/** Compiled configs for the standalone functions, cached per config object so hot paths parse once. */
export function compiledFor(input?: CacheAlignerConfigInput): CompiledConfig {
  if (input === undefined) {
    defaults ??= compileConfig();
    return defaults;
  }
  let compiled = byInput.get(input);
  if (!compiled) {
    compiled = compileConfig(input);
    byInput.set(input, compiled);
  }
  return compiled;
}
