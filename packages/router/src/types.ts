import type { CodeLanguage, JsonValue } from '@headroom/core';

export const CompressionStrategy = {
  CODE_AWARE: 'code_aware',
  SMART_CRUSHER: 'smart_crusher',
  SEARCH: 'search',
  LOG: 'log',
  DIFF: 'diff',
  TEXT: 'text',
  LLMLINGUA: 'llmlingua',
  MIXED: 'mixed',
  PASSTHROUGH: 'passthrough',
} as const;
export type CompressionStrategy = (typeof CompressionStrategy)[keyof typeof CompressionStrategy];

export type ContentType = 'json' | 'code' | 'search' | 'log' | 'diff' | 'html' | 'text' | 'empty';

/** Where the content came from: raises detection confidence (a `.py` path means Python). */
export interface SourceHints {
  toolName?: string;
  filePath?: string;
  command?: string;
}

export interface Detection {
  type: ContentType;
  confidence: number;
  language?: CodeLanguage;
  reason: string;
  /** The parsed JSON, reused by SmartCrusher so the content is parsed once. */
  parsed?: JsonValue;
  /** Agent read output (`   12→code`): the code without its line-number gutter. */
  numbered?: boolean;
}

export interface RouteOptions extends SourceHints {
  query?: string;
  /** Multiplies the tool's bias from `toolBias`. */
  bias?: number;
  signal?: AbortSignal;
  /** No lossy step and no marker: minify and columnar JSON only (no retrieval executor exists). */
  lossless?: boolean;
  /** Skips detection and the mixed-content split: the caller knows what the content is. */
  contentType?: Exclude<ContentType, 'empty'>;
  /** The language of forced `code` content (otherwise guessed). */
  language?: CodeLanguage;
}

export interface RoutingDecision {
  sectionIndex: number;
  contentType: ContentType;
  confidence: number;
  strategy: CompressionStrategy;
  accepted: boolean;
  reason: string;
  tokensBefore: number;
  tokensAfter: number;
  durationMs: number;
}

export interface RouterCompressionResult {
  compressed: string;
  original: string;
  strategyUsed: CompressionStrategy;
  routingLog: RoutingDecision[];
  sectionsProcessed: number;
  tokensBefore: number;
  tokensAfter: number;
  tokensSaved: number;
  /** tokensAfter / tokensBefore (1 when unchanged). */
  compressionRatio: number;
  ccrHashes: string[];
}
