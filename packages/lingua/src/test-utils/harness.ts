/** Assertions' building blocks for tests of compressed output. */
import { CCR_MARKER_RE } from '@headroom/core';

/** A log sink that keeps its lines. */
export function captureLog(): { lines: string[]; log: (line: string) => void } {
  const lines: string[] = [];
  return { lines, log: (line) => lines.push(line) };
}

/** The output without its final CCR marker line. */
export function withoutMarker(output: string): string {
  const trailing = output.length - output.trimEnd().length;
  const body = output.slice(0, output.length - trailing);
  const lastLine = body.lastIndexOf('\n');
  const tail = body.slice(lastLine + 1);
  const isMarker = new RegExp(`^${CCR_MARKER_RE.source}$`).test(tail);
  return isMarker ? body.slice(0, Math.max(0, lastLine)) + output.slice(output.length - trailing) : output;
}

/** Whitespace-separated words. */
export const wordsOf = (text: string): string[] => text.split(/\s+/).filter(Boolean);

/** True when `sub` appears in `all` in order (not necessarily contiguous). */
export function isSubsequence(sub: readonly string[], all: readonly string[]): boolean {
  let j = 0;
  for (const w of all) if (j < sub.length && sub[j] === w) j++;
  return j === sub.length;
}

/**
 * Counts a model's tokens of a text the way the compressor budgets them (word by word, no special
 * tokens), using the model directory's own tokenizer.
 */
export async function modelTokenCounter(dir: string): Promise<(text: string) => number> {
  const { AutoTokenizer } = await import('@huggingface/transformers');
  const tokenizer = await AutoTokenizer.from_pretrained(dir, { local_files_only: true });
  return (text) =>
    wordsOf(text).reduce((n, w) => n + tokenizer.encode(w, { add_special_tokens: false }).length, 0);
}
