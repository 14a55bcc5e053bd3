/** A TOIN advisor with hand-set patterns, recording every call, for scoring tests. */
import type {
  CompressionEvent,
  DropEvent,
  EvictionFeedback,
  RetrievalFeedback,
  ToinAdvisor,
  ToinPatternView,
  ToinRecorder,
} from '@headroom/core';

export function pattern(signature: string, over: Partial<ToinPatternView> = {}): ToinPatternView {
  return {
    signature,
    compressions: 200,
    retrievals: 0,
    fullRetrievals: 0,
    retrievalRate: 0,
    fullRetrievalRate: 0,
    evictedUnretrieved: 0,
    commonlyRetrievedFields: [],
    fieldSemantics: {},
    confidence: 0.9,
    users: 5,
    ...over,
  };
}

export class FakeToin implements ToinAdvisor, ToinRecorder {
  readonly drops: DropEvent[] = [];
  readonly lookups: string[] = [];
  constructor(
    private readonly patterns: Record<string, ToinPatternView> = {},
    /** `signature|field|value` keys that are important. */
    private readonly important: ReadonlySet<string> = new Set(),
  ) {}
  advise() {
    return undefined;
  }
  pattern(signature: string): ToinPatternView | undefined {
    this.lookups.push(signature);
    return this.patterns[signature];
  }
  isValueImportant(signature: string, field: string, value: string): boolean {
    return this.important.has(`${signature}|${field}|${value}`);
  }
  recordCompression(_e: CompressionEvent): void {}
  recordRetrieval(_e: RetrievalFeedback): void {}
  recordEviction(_e: EvictionFeedback): void {}
  recordDrop(e: DropEvent): void {
    this.drops.push(e);
  }
}
