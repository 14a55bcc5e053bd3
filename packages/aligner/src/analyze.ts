import { contentHash } from '@headroom/core';
import type { CompiledConfig } from './compiled-config.js';
import { findDynamic } from './detect.js';
import type { Defects } from './normalize.js';
import { protectedRanges } from './protect.js';
import { type Cut, rewriteText } from './rewrite.js';
import type { StableTexts } from './stable-texts.js';
import { highestPlaceholder, placeholder, splitTail } from './tail.js';
import type { DynamicSpan, SpanCategory, SpanForm } from './types.js';

/** A span of one system slot, before it is tied to a request's entry numbers. */
export interface SlotSpan {
  /** Position of the slot among the leading system slots. */
  slot: number;
  start: number;
  end: number;
  text: string;
  category: SpanCategory;
  form: SpanForm;
  placeholder?: string;
}

/** What the aligner makes of the leading system slots: a pure function of their texts and the config. */
export interface SystemAnalysis {
  /** Each slot's rewritten text without any tail. */
  stable: readonly string[];
  spans: readonly SlotSpan[];
  /** The full tail: lines of tails already in the prompt, then one per new span. */
  tailLines: readonly string[];
  /** A tail is due: something moved, or the prompt already had one (even an empty one). */
  hasTail: boolean;
  /** The stable texts joined by "\n---\n": what the hash covers. */
  stableText: string;
  stablePrefixHash: string;
  alignmentScore: number;
}

/** A slot span tied to the entry and slot numbers of one request. */
export function toDynamicSpan(s: SlotSpan, entry: number, slot: number): DynamicSpan {
  const span: DynamicSpan = {
    entry,
    slot,
    start: s.start,
    end: s.end,
    text: s.text,
    category: s.category,
    form: s.form,
  };
  if (s.placeholder !== undefined) span.placeholder = s.placeholder;
  return span;
}

const SLOT_JOIN = '\n---\n';

/**
 * `known`: stable texts seen before (a caller's cache); a text found there is not hashed again, and
 * its earlier string stands in for the new, equal one.
 */
export function analyzeSystem(
  texts: readonly string[],
  compiled: CompiledConfig,
  known?: StableTexts,
): SystemAnalysis {
  const { config } = compiled;
  const split = texts.map((t) => splitTail(t, config));
  const tailLines: string[] = [];
  let next = 1;
  for (const s of split) {
    next = Math.max(next, highestPlaceholder([s.body, ...s.lines]) + 1);
    tailLines.push(...s.lines);
  }
  const tailBefore = tailLines.length;
  const spans: SlotSpan[] = [];
  const stable: string[] = [];
  const defects: Defects[] = [];
  for (let slot = 0; slot < split.length; slot++) {
    const { body } = split[slot]!;
    const protect = protectedRanges(body);
    const cuts: Cut[] = [];
    for (const f of findDynamic(body, protect, compiled)) {
      const text = body.slice(f.start, f.end);
      const span: SlotSpan = {
        slot,
        start: f.start,
        end: f.end,
        text,
        category: f.category,
        form: f.form,
      };
      if (f.form === 'inline') {
        const ph = placeholder(next++);
        span.placeholder = ph;
        cuts.push({ start: f.cut.start, end: f.cut.end, replacement: ph });
        tailLines.push(`${ph} ${text}`);
      } else {
        cuts.push({ start: f.cut.start, end: f.cut.end, replacement: '' });
        tailLines.push(text.trim());
      }
      spans.push(span);
    }
    const rewritten = rewriteText(body, protect, cuts, config.normalizeWhitespace);
    stable.push(rewritten.text);
    defects.push(rewritten.defects);
  }
  // One slot (the usual case) is its own stable text: no 8 KB copy made and kept in the memo.
  const joined = stable.length === 1 ? stable[0]! : stable.join(SLOT_JOIN);
  const { text: stableText, hash } = known?.intern(joined) ?? { text: joined, hash: contentHash(joined) };
  if (stable.length === 1) stable[0] = stableText;
  return {
    stable,
    spans,
    tailLines,
    hasTail: tailLines.length > tailBefore || split.some((s, i) => s.body.length !== texts[i]!.length),
    stableText,
    stablePrefixHash: hash,
    alignmentScore: alignmentScore(spans.length, defects),
  };
}

/**
 * 100 − 10 per dynamic span − 5 for CRs − 2 for trailing blanks − 2 for runs of blank lines, in
 * [0, 100]; whitespace counts outside protected regions, where the aligner would normalize it.
 */
function alignmentScore(spans: number, d: readonly Defects[]): number {
  const score =
    100 -
    10 * spans -
    (d.some((x) => x.cr) ? 5 : 0) -
    (d.some((x) => x.trailing) ? 2 : 0) -
    (d.some((x) => x.blankRuns) ? 2 : 0);
  return Math.max(0, Math.min(100, score));
}
