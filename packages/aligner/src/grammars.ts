/**
 * Value grammars: every dynamic value the aligner recognizes is validated here (calendar dates are
 * real dates, clock times are real times), and bounded by non-word characters at the call sites.
 * Whitespace inside a value never crosses a line break.
 */

export type TemporalCategory = 'date' | 'datetime' | 'time' | 'epoch';
export type IdentifierCategory = 'uuid' | 'hash' | 'jwt' | 'labelled-id';

export interface ValueMatch<C extends string> {
  end: number;
  category: C;
}

const SP = '[ \\t\\u00a0]';
const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const WEEKDAY =
  '(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\\.?,?';
const YEAR = '((?:19|20)\\d\\d)';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const WORD_END = '(?![\\p{L}\\p{N}_])';

// Each date grammar captures (year, month, day) in its own group order; `fields` maps them.
const DATE_GRAMMARS: readonly { re: RegExp; fields: (m: RegExpExecArray) => [number, number, number] }[] = [
  {
    // ISO 8601 calendar date; a following `T10:32` belongs to a datetime.
    re: new RegExp(`${YEAR}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])(?:(?=T\\d)|${WORD_END})`, 'uy'),
    fields: (m) => [Number(m[1]), Number(m[2]), Number(m[3])],
  },
  {
    // [Weekday,] Month D[th][,] YYYY — also Date#toString's "Tue Jan 07 2025".
    re: new RegExp(`(?:${WEEKDAY}${SP}+)?${MONTH}\\.?${SP}+${DAY},?${SP}+${YEAR}${WORD_END}`, 'iuy'),
    fields: (m) => [Number(m[3]), monthNumber(m[1]!), Number(m[2])],
  },
  {
    // [Weekday,] D[th] [of] Month[,] YYYY — also Date#toUTCString's "Tue, 07 Jan 2025".
    re: new RegExp(
      `(?:${WEEKDAY}${SP}+)?${DAY}${SP}+(?:of${SP}+)?${MONTH}\\.?,?${SP}+${YEAR}${WORD_END}`,
      'iuy',
    ),
    fields: (m) => [Number(m[3]), monthNumber(m[2]!), Number(m[1])],
  },
];

// M/D/YYYY or D/M/YYYY (also with dots): valid when either reading is a real date.
const NUMERIC_DATE = new RegExp(`(\\d{1,2})([/.])(\\d{1,2})\\2${YEAR}${WORD_END}`, 'uy');

// After ")" (a zone name) or "." (a.m.) anything may follow; otherwise a word must end here.
const CLOCK_END = `(?:(?<=[).])|${WORD_END})`;
const CLOCK = new RegExp(
  '([01]?\\d|2[0-3]):([0-5]\\d)(?::[0-5]\\d(?:[.,]\\d{1,9})?)?' +
    `(?:${SP}?([AaPp])\\.?[Mm]\\.?)?` +
    // Zone: Z, UTC/GMT with an optional offset, a bare offset, or an abbreviation such as PST/CEST.
    `(?:${SP}?(?:Z|UTC|GMT)(?:[+-](?:[01]?\\d|2[0-3])(?::?[0-5]\\d)?)?|${SP}?[+-](?:[01]\\d|2[0-3]):?[0-5]\\d|${SP}[A-Z]{1,4}T)?` +
    // Date#toString appends the zone's name in parentheses.
    `(?:${SP}\\([A-Za-z][A-Za-z .]{0,40}\\))?` +
    CLOCK_END,
  'uy',
);

const DATE_TIME_JOIN = new RegExp(`(?:T|,?${SP}+(?:at${SP}+)?)`, 'iuy');
const TIME_DATE_JOIN = new RegExp(`,?${SP}+(?:on${SP}+)?`, 'iuy');
const EPOCH = new RegExp(`1\\d{9}(?:\\d{3})?${WORD_END}`, 'uy');

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function monthNumber(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function isRealDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function stickyAt(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

/** End of the longest valid calendar date starting at `pos`, or -1. */
export function matchDate(text: string, pos: number): number {
  let best = -1;
  for (const g of DATE_GRAMMARS) {
    const m = stickyAt(g.re, text, pos);
    if (m && isRealDate(...g.fields(m)) && pos + m[0].length > best) best = pos + m[0].length;
  }
  const n = stickyAt(NUMERIC_DATE, text, pos);
  if (n) {
    const [a, b, y] = [Number(n[1]), Number(n[3]), Number(n[4])];
    if ((isRealDate(y, a, b) || isRealDate(y, b, a)) && pos + n[0].length > best) best = pos + n[0].length;
  }
  return best;
}

/** End of a valid clock time (with optional AM/PM and zone) starting at `pos`, or -1. */
export function matchClock(text: string, pos: number): number {
  const m = stickyAt(CLOCK, text, pos);
  if (!m) return -1;
  const hour = Number(m[1]);
  if (m[3] !== undefined && (hour < 1 || hour > 12)) return -1;
  return pos + m[0].length;
}

/**
 * The longest temporal value at `pos`: a date, a date followed by a time (or a time followed by a
 * date), a clock time, or — only when `epoch` is allowed (after a date/time label) — epoch seconds
 * or milliseconds.
 */
export function matchTemporal(
  text: string,
  pos: number,
  opts: { epoch: boolean },
): ValueMatch<TemporalCategory> | undefined {
  const date = matchDate(text, pos);
  if (date >= 0) {
    const join = stickyAt(DATE_TIME_JOIN, text, date);
    const time = join ? matchClock(text, date + join[0].length) : -1;
    return time >= 0 ? { end: time, category: 'datetime' } : { end: date, category: 'date' };
  }
  const time = matchClock(text, pos);
  if (time >= 0) {
    const join = stickyAt(TIME_DATE_JOIN, text, time);
    const after = join ? matchDate(text, time + join[0].length) : -1;
    return after >= 0 ? { end: after, category: 'datetime' } : { end: time, category: 'time' };
  }
  if (opts.epoch) {
    const m = stickyAt(EPOCH, text, pos);
    if (m) return { end: pos + m[0].length, category: 'epoch' };
  }
  return undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const JWT = /^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+$/;
const HEX = /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64})$/i;
const ID_VALUE = /[A-Za-z0-9][A-Za-z0-9_.:-]{5,}/y;

/** A hex run of 32, 40 or 64 characters with at least one digit and one letter (never a plain number). */
export function isHexHash(value: string): boolean {
  return HEX.test(value) && /\d/.test(value) && /[a-f]/i.test(value);
}

/** The category of an identifier value: UUID, JWT, hex hash, or a generic labelled ID. */
export function identifierCategory(value: string): IdentifierCategory {
  if (UUID.test(value)) return 'uuid';
  if (JWT.test(value)) return 'jwt';
  if (isHexHash(value)) return 'hash';
  return 'labelled-id';
}

/**
 * A labelled ID value at `pos`: `[A-Za-z0-9][A-Za-z0-9_.:-]{5,}` containing at least one digit (so
 * `search_documents`, `query-builder`, `default` are never IDs). Trailing `.`, `:` and `-` are
 * punctuation, not part of the value; a word must end where the value ends.
 */
export function matchIdentifier(text: string, pos: number): ValueMatch<IdentifierCategory> | undefined {
  const m = stickyAt(ID_VALUE, text, pos);
  if (!m) return undefined;
  let value = m[0];
  while (/[.:-]$/.test(value)) value = value.slice(0, -1);
  if (value.length < 6 || !/\d/.test(value)) return undefined;
  const end = pos + value.length;
  if (/[\p{L}\p{N}_]/u.test(text[end] ?? '')) return undefined;
  return { end, category: identifierCategory(value) };
}

/**
 * Values that are dynamic wherever they appear (replaced in place by a placeholder): UUIDs, JWTs,
 * ISO datetimes and 32/40/64-hex hashes. Plain dates are not here: "only show orders after
 * 2024-01-01" is an instruction, not a timestamp. Tried only at anchored positions (see
 * {@link inlineValuesAt}): a regex starting with a hex class costs ~25 ns per character when it scans.
 */
const INLINE_VALUE = new RegExp(
  '(?<uuid>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})' +
    '|(?<jwt>eyJ[\\w-]+\\.eyJ[\\w-]+\\.[\\w-]+)' +
    '|(?<datetime>(?:19|20)\\d\\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])[T ](?:[01]\\d|2[0-3]):[0-5]\\d' +
    '(?::[0-5]\\d(?:[.,]\\d{1,9})?)?(?:Z|[+-](?:[01]\\d|2[0-3]):?[0-5]\\d)?)' +
    '|(?<hash>[0-9a-fA-F]{64}|[0-9a-fA-F]{40}|[0-9a-fA-F]{32})',
  'y',
);

const WORD = /[\p{L}\p{N}_]/u;

export type InlineCategory = 'uuid' | 'jwt' | 'datetime' | 'hash';

/** The category of a match, after validation: a real calendar date, a hash mixing digits and letters. */
function inlineCategory(g: Record<string, string | undefined>): InlineCategory | undefined {
  if (g.uuid !== undefined) return 'uuid';
  if (g.jwt !== undefined) return 'jwt';
  if (g.datetime !== undefined) {
    const [y, mo, d] = g.datetime.slice(0, 10).split('-').map(Number) as [number, number, number];
    return isRealDate(y, mo, d) ? 'datetime' : undefined;
  }
  return g.hash !== undefined && isHexHash(g.hash) ? 'hash' : undefined;
}

/** The inline values starting at the (sorted) anchors, bounded by non-word characters on both sides. */
export function inlineValuesAt(
  text: string,
  anchors: readonly number[],
): { start: number; end: number; category: InlineCategory }[] {
  const out: { start: number; end: number; category: InlineCategory }[] = [];
  let last = 0;
  for (const start of anchors) {
    // The boundary first: anchors inside a long word (a run of "eyJ", of hex) never run the regex.
    if (start < last || WORD.test(text[start - 1] ?? '')) continue;
    INLINE_VALUE.lastIndex = start;
    const m = INLINE_VALUE.exec(text);
    if (!m) continue;
    const end = start + m[0].length;
    const category = inlineCategory(m.groups!);
    if (!category || WORD.test(text[end] ?? '')) continue;
    out.push({ start, end, category });
    last = end;
  }
  return out;
}
