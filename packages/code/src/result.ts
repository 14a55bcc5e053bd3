import type { CodeLanguage } from '@headroom/core';
import type { CodeCompressionReason, CodeCompressionResult } from './types.js';

export interface ResultContext {
  language?: CodeLanguage;
  languageConfidence?: number;
  syntaxValid?: boolean;
}

/** The input, unchanged, with the reason. */
export function unchanged(
  original: string,
  reason: CodeCompressionReason,
  tokens: number,
  context: ResultContext = {},
): CodeCompressionResult {
  return {
    compressed: original,
    original,
    wasModified: false,
    ...(context.language === undefined ? {} : { language: context.language }),
    languageConfidence: context.languageConfidence ?? 0,
    tokensBefore: tokens,
    tokensAfter: tokens,
    compressionRatio: 1,
    syntaxValid: context.syntaxValid ?? false,
    bodiesCompressed: [],
    reason,
  };
}
