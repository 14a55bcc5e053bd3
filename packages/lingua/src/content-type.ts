import type { LLMLinguaConfig } from '@headroom/core';

export type LinguaContentType = 'text' | 'code' | 'json';

const CODE_LINE =
  /^\s*(?:def |class |function |import |export |const |let |var |return |if \(|for \(|#include|package |fn |pub |func )|=>|[{;]\s*$/;
const OPENS_BLOCK = /:\s*$/;
const SAMPLE_LINES = 50;
const CODE_VOTES = 3;

const indent = (line: string) => line.length - line.trimStart().length;

function looksLikeJson(trimmed: string): boolean {
  const head = trimmed[0];
  const tail = trimmed[trimmed.length - 1];
  if (!((head === '{' && tail === '}') || (head === '[' && tail === ']'))) return false;
  try {
    JSON.parse(trimmed);
    return true;
  } catch {
    return false;
  }
}

/**
 * JSON when the trimmed text parses; code when ≥ 3 of the first 50 lines look like code (keywords,
 * `=>`, lines ending in `{` or `;`, or a `:` line followed by an indented one); text otherwise.
 */
export function detectContentType(text: string): LinguaContentType {
  const trimmed = text.trim();
  if (looksLikeJson(trimmed)) return 'json';
  const lines = trimmed.split('\n', SAMPLE_LINES);
  let votes = 0;
  for (let i = 0; i < lines.length && votes < CODE_VOTES; i++) {
    const line = lines[i]!;
    const next = lines[i + 1];
    const indentedNext = next !== undefined && next.trim() !== '' && indent(next) > indent(line);
    if (CODE_LINE.test(line) || (OPENS_BLOCK.test(line) && indentedNext)) votes++;
  }
  return votes >= CODE_VOTES ? 'code' : 'text';
}

/** The keep rate for a content type: per-type rates, or `targetCompressionRate` when not content-aware. */
export function rateFor(config: LLMLinguaConfig, type: LinguaContentType): number {
  if (!config.contentAwareRates) return config.targetCompressionRate;
  if (type === 'code') return config.codeCompressionRate;
  if (type === 'json') return config.jsonCompressionRate;
  return config.textCompressionRate;
}
