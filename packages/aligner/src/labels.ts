/**
 * Labels announce a dynamic value. They match only as whole words at a sentence start (the caller
 * only tries sentence starts), so `validate`, `dated` and `update` can never hit `date`.
 */

/** Labels of dates, times and epochs. */
export const TEMPORAL_LABELS: readonly string[] = [
  'date',
  'today',
  "today's date",
  'current date',
  'current time',
  'current datetime',
  'current date and time',
  'date and time',
  'time',
  'now',
  'timestamp',
  'datetime',
  'as of',
  'last updated',
  'updated at',
  'generated at',
];

/** Labels of identifiers. */
export const IDENTIFIER_LABELS: readonly string[] = [
  'session',
  'session id',
  'request id',
  'trace id',
  'conversation id',
  'thread id',
  'run id',
  'user id',
  'correlation id',
  'build id',
  'commit',
];

export type LabelFamily = 'temporal' | 'identifier';

export interface LabelMatch {
  family: LabelFamily;
  /** Where the value starts (after the label and its separator). */
  valueStart: number;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function alternation(labels: readonly string[]): string {
  const words = [...new Set(labels.map((l) => l.trim().toLowerCase()).filter((l) => l.length > 0))];
  // Longest first, so "current datetime" is tried before "current date".
  words.sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  return words
    .map((l) =>
      l
        .split(/\s+/)
        .map((w) => escapeRegex(w).replace(/'/g, "['’]"))
        .join('[ \\t_-]+'),
    )
    .join('|');
}

const EMPHASIS = '(?:\\*\\*|__)?';
// "The current date is", "It is now", "It's now".
const LEAD = "(?:(?:the|it[ \\t]+is|it['’]s)[ \\t]+)?";
// "Date: v", "Date = v", "**Date:** v", "Today is v", "Session v".
const SEPARATOR = `${EMPHASIS}(?:[ \\t]*[:=]${EMPHASIS}[ \\t]*|[ \\t]+is[ \\t]+|[ \\t]+)`;

function labelRegex(labels: readonly string[]): RegExp | undefined {
  const alt = alternation(labels);
  if (alt === '') return undefined;
  return new RegExp(`${EMPHASIS}${LEAD}(?:${alt})(?![\\p{L}\\p{N}_])${SEPARATOR}`, 'iuy');
}

const FIRST_WORD = /(?:\*\*|__)?([\p{L}\p{N}]+(?:['’]s)?)/uy;

/** Label matchers for one configuration (the built-in labels plus `extraLabels`). */
export class LabelMatcher {
  private readonly temporal: RegExp;
  private readonly identifier: RegExp;
  /** Lowercase first words of every label and of the lead-ins ("the", "it"). */
  private readonly firstWords: Set<string>;
  /** Their first characters in both cases, plus the emphasis markers: a cheaper first test. */
  private readonly firstChars: Set<string>;

  constructor(extraLabels: readonly string[] = []) {
    const identifiers = [...IDENTIFIER_LABELS, ...extraLabels];
    this.temporal = labelRegex(TEMPORAL_LABELS)!;
    this.identifier = labelRegex(identifiers)!;
    this.firstWords = new Set(['the', 'it', "it's", 'it’s']);
    for (const l of [...TEMPORAL_LABELS, ...identifiers]) {
      const first = l
        .trim()
        .toLowerCase()
        .split(/[\s_-]+/)[0];
      if (first) this.firstWords.add(first).add(first.replace(/'/g, '’'));
    }
    this.firstChars = new Set(['*', '_']);
    for (const w of this.firstWords) this.firstChars.add(w[0]!).add(w[0]!.toUpperCase());
  }

  /**
   * Cheap pre-check before {@link at}: is the word at `pos` (after `**` or `__`) the first word of a
   * label or a lead-in? Most sentences start with other words and never run the label regexes.
   */
  mayStartAt(text: string, pos: number): boolean {
    if (!this.firstChars.has(text[pos]!)) return false;
    FIRST_WORD.lastIndex = pos;
    const m = FIRST_WORD.exec(text);
    return m !== null && this.firstWords.has(m[1]!.toLowerCase());
  }

  /** The label (and separator) starting exactly at `pos`, temporal labels first. */
  at(text: string, pos: number): LabelMatch[] {
    const out: LabelMatch[] = [];
    for (const [family, re] of [
      ['temporal', this.temporal],
      ['identifier', this.identifier],
    ] as const) {
      re.lastIndex = pos;
      const m = re.exec(text);
      if (m) out.push({ family, valueStart: pos + m[0].length });
    }
    return out;
  }
}
