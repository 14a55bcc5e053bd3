import type { CacheAlignerConfig } from '@headroom/core';
import { hashAnchors, markerAnchors } from './anchors.js';
import type { CompiledConfig } from './compiled-config.js';
import { inlineValuesAt, matchIdentifier, matchTemporal } from './grammars.js';
import type { LabelMatcher } from './labels.js';
import {
  afterBreak,
  beforeBreak,
  contentStartOf,
  LineCursor,
  lineEndFrom,
  lineStartBefore,
} from './lines.js';
import { insideOne, overlapsAny, type Range } from './protect.js';
import type { SpanCategory, SpanForm } from './types.js';

/** A detected dynamic span, with the range the rewrite removes (statement) or replaces (inline). */
export interface Found {
  start: number;
  end: number;
  cut: Range;
  category: SpanCategory;
  form: SpanForm;
}

const VALUE_LINE_MAX = 80;

const isBlank = (c: string | undefined) => c === ' ' || c === '\t';
const isAlnum = (c: number) => (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);

function allowed(config: CacheAlignerConfig, category: SpanCategory, form: SpanForm): boolean {
  if (form === 'inline' && !config.extractInline && category !== 'custom') return false;
  switch (category) {
    case 'date':
    case 'datetime':
    case 'epoch':
      return config.extractDates;
    case 'time':
      return config.extractTimes;
    case 'custom':
      return true;
    default:
      return config.extractIdentifiers;
  }
}

interface LineContext {
  text: string;
  start: number;
  end: number;
  contentStart: number;
  protect: readonly Range[];
}

/**
 * Where a statement whose value ends at `valueEnd` ends: the line end (a whole line or the line's
 * last sentence), or its `.`/`!` when more text follows on the line. Anything else is not a statement.
 */
function statementEnd(l: LineContext, valueEnd: number): { end: number; more: boolean } | undefined {
  const { text } = l;
  let i = valueEnd;
  let terminated = text[i - 1] === '.'; // "a.m." ends the sentence too
  if (text[i] === '.' || text[i] === '!') {
    i++;
    terminated = true;
  }
  let j = i;
  while (j < l.end && isBlank(text[j])) j++;
  if (j === l.end) return { end: i, more: false };
  return terminated && j > i ? { end: i, more: true } : undefined;
}

/** The removal range of a statement `[s, end)`: its whole line, or the sentence with one adjacent blank. */
function statementCut(l: LineContext, s: number, end: number, more: boolean): Range {
  const { text } = l;
  if (s === l.contentStart && !more) {
    const next = afterBreak(text, l.end);
    return next > l.end ? { start: l.start, end: next } : { start: beforeBreak(text, l.start), end: l.end };
  }
  if (s === l.contentStart) {
    let j = end;
    while (j < l.end && isBlank(text[j])) j++;
    return { start: s, end: j };
  }
  return { start: s - 1, end };
}

/** Statements and labelled values at the sentence starts of one line. */
function labelled(l: LineContext, labels: LabelMatcher, out: Found[]): void {
  const before = out.length;
  let cursor = l.contentStart;
  // Sentences that cannot start with a label are skipped by the search itself.
  for (let s = l.contentStart; s >= 0; s = labels.nextSentence(l.text, s)) {
    if (s < cursor || !labels.mayStartAt(l.text, s) || overlapsAny(l.protect, s, s + 1)) continue;
    for (const label of labels.at(l.text, s)) {
      const value =
        label.family === 'temporal'
          ? matchTemporal(l.text, label.valueStart, { epoch: true })
          : matchIdentifier(l.text, label.valueStart);
      if (!value || value.end > l.end || overlapsAny(l.protect, s, value.end)) continue;
      const stmt = statementEnd(l, value.end);
      if (stmt) {
        const cut = statementCut(l, s, stmt.end, stmt.more);
        out.push({ start: s, end: stmt.end, cut, category: value.category, form: 'statement' });
        cursor = cut.end;
        break;
      }
      if (label.family === 'identifier') {
        const cut = { start: label.valueStart, end: value.end };
        out.push({ ...cut, cut, category: value.category, form: 'inline' });
        cursor = value.end;
        break;
      }
    }
  }
  // A value alone on its line is short (Date#toString, the longest form, is 62 characters) and
  // starts with a digit or a letter (never with the `#` of a heading, say).
  if (
    out.length > before ||
    l.end - l.contentStart > VALUE_LINE_MAX ||
    !isAlnum(l.text.charCodeAt(l.contentStart))
  ) {
    return;
  }
  // A line holding nothing but a date or datetime.
  const value = matchTemporal(l.text, l.contentStart, { epoch: false });
  if (!value || value.category === 'time' || overlapsAny(l.protect, l.contentStart, value.end)) return;
  const stmt = statementEnd(l, value.end);
  if (stmt && !stmt.more) {
    const cut = statementCut(l, l.contentStart, stmt.end, false);
    out.push({ start: l.contentStart, end: stmt.end, cut, category: value.category, form: 'statement' });
  }
}

/** Where a custom match sits: a whole line of its own (a statement) or inside other text (inline). */
function customSpan(
  text: string,
  hasCR: boolean,
  protect: readonly Range[],
  start: number,
  end: number,
): Found {
  const lineStart = lineStartBefore(text, start, hasCR);
  const lineEnd = lineEndFrom(text, lineStart, hasCR);
  const contentStart = contentStartOf(text, lineStart);
  const l = { text, start: lineStart, end: lineEnd, contentStart, protect };
  const stmt = start === contentStart && end <= lineEnd ? statementEnd(l, end) : undefined;
  if (stmt && !stmt.more) {
    const cut = statementCut(l, start, stmt.end, false);
    return { start, end: stmt.end, cut, category: 'custom', form: 'statement' };
  }
  return { start, end, cut: { start, end }, category: 'custom', form: 'inline' };
}

/**
 * Matches of the configured custom grammars that overlap neither a protected region, a built-in
 * span (built-ins win) nor an earlier custom match.
 */
function custom(
  text: string,
  protect: readonly Range[],
  compiled: CompiledConfig,
  builtIn: Found[],
): Found[] {
  const candidates: Range[] = [];
  for (const { re } of compiled.customPatterns) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (m[0].length === 0) re.lastIndex++;
      else candidates.push({ start: m.index, end: m.index + m[0].length });
    }
  }
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  const taken = builtIn.map((f) => f.cut);
  const out: Found[] = [];
  const hasCR = text.includes('\r');
  let lastEnd = 0;
  for (const { start, end } of candidates) {
    if (start < lastEnd || overlapsAny(protect, start, end) || overlapsAny(taken, start, end)) continue;
    const span = customSpan(text, hasCR, protect, start, end);
    if (overlapsAny(taken, span.cut.start, span.cut.end)) continue;
    out.push(span);
    lastEnd = span.cut.end;
  }
  return out;
}

const DIGIT = /[0-9]/g;

/**
 * All dynamic spans of a text (without the aligner's tail), left to right: statements and labelled
 * values on the lines holding a digit, inline values at their anchors, then custom grammars. A span
 * overlapping a protected region or an earlier span is skipped.
 */
export function findDynamic(text: string, protect: readonly Range[], compiled: CompiledConfig): Found[] {
  const found: Found[] = [];
  const hasCR = text.includes('\r');
  const anchors = markerAnchors(text);
  // Every labelled value, statement and hash holds a digit: one native search per line with a digit
  // finds the lines worth a look, and the prose between them never reaches the grammars. (A regex
  // matching whole digit lines walks every line; ten cached indexOf searches lose on digit-dense text.)
  const lines = new LineCursor(text, hasCR);
  DIGIT.lastIndex = 0;
  while (DIGIT.test(text)) {
    const { start, end } = lines.around(DIGIT.lastIndex - 1);
    hashAnchors(text, start, end, anchors);
    // A line inside a code fence can hold nothing to move.
    if (!insideOne(protect, start, end)) {
      const l = { text, start, end, contentStart: contentStartOf(text, start), protect };
      labelled(l, compiled.labels, found);
    }
    DIGIT.lastIndex = end;
  }
  // Values that are dynamic anywhere, outside the statements and labelled values found above.
  const taken = found.map((f) => f.cut).sort((a, b) => a.start - b.start);
  for (const v of inlineValuesAt(
    text,
    anchors.sort((a, b) => a - b),
  )) {
    if (overlapsAny(taken, v.start, v.end) || overlapsAny(protect, v.start, v.end)) continue;
    found.push({
      start: v.start,
      end: v.end,
      cut: { start: v.start, end: v.end },
      category: v.category,
      form: 'inline',
    });
  }
  const kept = found
    .filter((f) => allowed(compiled.config, f.category, f.form))
    .sort((a, b) => a.start - b.start);
  if (compiled.customPatterns.length === 0) return kept;
  return [...kept, ...custom(text, protect, compiled, kept)].sort((a, b) => a.start - b.start);
}
