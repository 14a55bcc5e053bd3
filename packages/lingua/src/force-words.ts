import { queryTokens } from '@headroom/core';

const EDGE_PUNCT = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

/** A word without its leading and trailing punctuation: `"database,"` → `database`. */
export function wordCore(word: string): string {
  return word.replace(EDGE_PUNCT, '');
}

/**
 * Words that must survive: configured force tokens (case-sensitive, matched against the whole word
 * or its core) and up to `limit` distinct query words of ≥ 4 characters that are not stop words
 * (matched case-insensitively: a user asking about "database" means "Database" too).
 */
export class ForceWords {
  private readonly exact: ReadonlySet<string>;
  private readonly folded: ReadonlySet<string>;

  constructor(tokens: readonly string[], query: string | undefined, limit: number) {
    this.exact = new Set(tokens.filter((t) => t.length > 0));
    const words = query ? queryTokens(query).filter((w) => w.length >= 4) : [];
    this.folded = new Set(words.slice(0, limit));
  }

  get size(): number {
    return this.exact.size + this.folded.size;
  }

  matches(word: string): boolean {
    if (this.exact.has(word)) return true;
    const core = wordCore(word);
    return this.exact.has(core) || this.folded.has(core.toLowerCase());
  }
}
