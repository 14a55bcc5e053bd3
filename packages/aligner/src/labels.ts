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

// A sentence ends with . ! or ? (and closing quotes or brackets), then blanks, then more text.
const SENTENCE_BREAK = `[.!?]["'’”)\\]]*[ \\t]+`;

const isAsciiAlnum = (c: number) => (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);

const FIRST_WORD = /(?:\*\*|__)?([\p{L}\p{N}]+(?:['’]s)?)/uy;

/** Label matchers for one configuration (the built-in labels plus `extraLabels`). */
export class LabelMatcher {
  private readonly temporal: RegExp;
  private readonly identifier: RegExp;
  /** Lowercase first words of every label and of the lead-ins ("the", "it"). */
  private readonly firstWords: Set<string>;
  /** Their first characters in both cases, plus the emphasis markers, as UTF-16 code units: a cheaper first test. */
  private readonly firstChars: Set<number>;
  /**
   * A sentence break followed by one of those characters, or a line break: the next sentence start
   * on a line where a label may be (a sentence starting with another character is skipped natively).
   */
  readonly nextCandidate: RegExp;

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
    this.firstChars = new Set([42, 95]); // * _
    for (const w of this.firstWords) {
      this.firstChars.add(w.charCodeAt(0));
      // An upper case of more than one unit ("ß" → "SS") can never equal one character of the text.
      const upper = w[0]!.toUpperCase();
      if (upper.length === 1) this.firstChars.add(upper.charCodeAt(0));
    }
    const units = [...this.firstChars].map((c) => `\\u${c.toString(16).padStart(4, '0')}`).join('');
    // No `u` flag: the class holds UTF-16 code units, as charCodeAt reads them.
    this.nextCandidate = new RegExp(`${SENTENCE_BREAK}(?=[${units}])|[\\n\\r]`, 'g');
  }

  /**
   * Cheap pre-check before {@link at}: is the word at `pos` (after `**` or `__`) the first word of a
   * label or a lead-in? Most sentences start with other words and never run the label regexes.
   */
  mayStartAt(text: string, pos: number): boolean {
    if (!this.firstChars.has(text.charCodeAt(pos))) return false;
    // ASCII words (nearly all) are read with character tests; any other character takes the regex.
    let i = pos;
    const c0 = text.charCodeAt(i);
    if ((c0 === 42 || c0 === 95) && text.charCodeAt(i + 1) === c0) i += 2;
    let j = i;
    for (let c = text.charCodeAt(j); !(c >= 128); c = text.charCodeAt(++j)) {
      if (!isAsciiAlnum(c)) {
        if (j === i) return false;
        const q = c === 39 && text.charCodeAt(j + 1) === 115 ? j + 2 : j; // 's
        return this.firstWords.has(text.slice(i, q).toLowerCase());
      }
    }
    FIRST_WORD.lastIndex = pos;
    const m = FIRST_WORD.exec(text);
    return m !== null && this.firstWords.has(m[1]!.toLowerCase());
  }

  /**
   * The next sentence start after `from` on the same line whose first character may start a label
   * (see {@link mayStartAt}), or -1.
   */
  nextSentence(text: string, from: number): number {
    const re = this.nextCandidate;
    re.lastIndex = from;
    if (!re.test(text)) return -1;
    const end = re.lastIndex;
    const c = text.charCodeAt(end - 1);
    return c === 10 || c === 13 ? -1 : end;
  }

  /** The label (and separator) starting exactly at `pos`, temporal labels first. */
  at(text: string, pos: number): LabelMatch[] {
    const out: LabelMatch[] = [];
    this.temporal.lastIndex = pos;
    if (this.temporal.test(text)) out.push({ family: 'temporal', valueStart: this.temporal.lastIndex });
    this.identifier.lastIndex = pos;
    if (this.identifier.test(text)) out.push({ family: 'identifier', valueStart: this.identifier.lastIndex });
    return out;
  }
}
