import { mayBeBlank } from './char-class.js';
import { CLASSIFY_CHARS, markLines, stripAnsi } from './lines.js';

export type Level = 'error' | 'fail' | 'warn' | 'info' | 'debug' | 'trace' | 'other';

/** Every level keyword, case-insensitive, in one pass; case rules are applied per match below. */
const LEVEL_WORDS =
  /\b(?:ERROR|ERR|FATAL|CRITICAL|CRIT|PANIC|SEVERE|EMERG(?:ENCY)?|ALERT|panicked|FAIL(?:ED|URE|ING)?|WARN(?:ING)?|INFO|DEBUG|TRACE)\b|^error(?:\[\w+\])?:|\berror TS\d+|✗|✖/gi;
export const ORDER: readonly Level[] = ['error', 'fail', 'warn', 'info', 'debug', 'trace', 'other'];

function levelOfWord(word: string): Level {
  const w = word.toLowerCase();
  if (w === '✗' || w === '✖') return 'fail';
  if (w.startsWith('fail')) return word === word.toUpperCase() ? 'fail' : 'other';
  if (w.startsWith('warn')) return 'warn';
  if (w === 'info') return 'info';
  if (w === 'debug') return 'debug';
  if (w === 'trace') return word === 'TRACE' ? 'trace' : 'other';
  return 'error';
}

/**
 * The line's level: the most severe level word it contains (ERROR, FATAL, panicked… > FAIL > WARN >
 * INFO > DEBUG > TRACE), matched at word boundaries; FAIL and TRACE only in capitals.
 */
export function levelOf(line: string): Level {
  const plain = stripAnsi(line.length > CLASSIFY_CHARS ? line.slice(0, CLASSIFY_CHARS) : line);
  let best = ORDER.length - 1;
  LEVEL_WORDS.lastIndex = 0;
  for (let m = LEVEL_WORDS.exec(plain); m !== null; m = LEVEL_WORDS.exec(plain)) {
    best = Math.min(best, ORDER.indexOf(levelOfWord(m[0])));
    if (best === 0) break;
  }
  return ORDER[best]!;
}

export const levelAt = (index: number): Level => ORDER[index]!;
export const levelIndex = (level: Level): number => ORDER.indexOf(level);

/**
 * LEVEL_WORDS for a whole text (its `^error…:` and `error TS…` forms are left out because they
 * never match where `\bERROR\b`, tried first, same level, does not), with the words one of
 * SUMMARY's unanchored forms needs (`passed`, `errors`, `build`…; `failed`, `error`, `warning`
 * are level words already): one scan finds both. Every word alternative is letters between `\b`s,
 * so a match is a whole word, and the word tells which list it is on.
 */
const LEVEL_OR_SUMMARY_WORDS =
  /\b(?:ERROR|ERR|FATAL|CRITICAL|CRIT|PANIC|SEVERE|EMERG(?:ENCY)?|ALERT|panicked|FAIL(?:ED|URE|ING)?|WARN(?:ING)?|INFO|DEBUG|TRACE|passed|skipped|pending|todo|errors|warnings|tests?|suites?|build)\b|✗|✖/gi;

const [ERROR, FAIL, WARN, INFO, DEBUG, TRACE, OTHER] = [0, 1, 2, 3, 4, 5, 6] as const; // ORDER indexes
/** Set in `wordEndingAt`'s result for a SUMMARY word (then tested whole). */
const SUMMARY_WORD = 8;
const isLetter = (c: number) => (c | 32) >= 97 && (c | 32) <= 122;

/**
 * The LEVEL_OR_SUMMARY_WORDS match ending at `end`, as `levelOfWord` (an ORDER index; OTHER for
 * a word only on the summary list) plus SUMMARY_WORD when it is on that list. ✗/✖, or a word,
 * which starts where the letters before `end` do (`\b` before it). The words are told apart by
 * first letter and length, then second letter (`tests`/`trace`, `suites`/`severe`, `error`/
 * `emerg`), and `fatal`/`fail…` by their third.
 */
function wordEndingAt(text: string, end: number): number {
  const last = text.charCodeAt(end - 1);
  if (last === 0x2717 || last === 0x2716) return FAIL;
  let from = end - 1;
  while (from > 0 && isLetter(text.charCodeAt(from - 1))) from--;
  const length = end - from;
  const second = text.charCodeAt(from + 1) | 32;
  let upper = true;
  for (let i = from; i < end; i++) if (text.charCodeAt(i) >= 97) upper = false;
  switch (text.charCodeAt(from) | 32) {
    case 119: // w: warn, warning (both lists), warnings
      return length === 8 ? OTHER | SUMMARY_WORD : length === 7 ? WARN | SUMMARY_WORD : WARN;
    case 105: // i
      return INFO;
    case 100: // d
      return DEBUG;
    case 116: // t: trace, todo, test, tests
      if (length === 4 || (length === 5 && second === 101)) return OTHER | SUMMARY_WORD;
      return upper ? TRACE : OTHER;
    case 102: // f: fatal or fail… (failed on both lists)
      if ((text.charCodeAt(from + 2) | 32) === 105)
        return (upper ? FAIL : OTHER) | (length === 6 ? SUMMARY_WORD : 0);
      return ERROR;
    case 112: // p: panic, panicked, passed, pending
      return length === 6 || length === 7 ? OTHER | SUMMARY_WORD : ERROR;
    case 115: // s: severe, skipped, suite, suites
      return length === 6 && second === 101 ? ERROR : OTHER | SUMMARY_WORD;
    case 101: // e: err, error (both lists), errors, emerg, emergency
      if (length === 6) return OTHER | SUMMARY_WORD;
      return length === 5 && second === 114 ? ERROR | SUMMARY_WORD : ERROR;
    case 98: // b: build
      return OTHER | SUMMARY_WORD;
    default:
      return ERROR;
  }
}

export interface LineClasses {
  /** Each line's level, as its ORDER index (`levelOf`). */
  levels: Uint8Array;
  /** Whether each line is a summary line (`isSummary`). */
  summary: Uint8Array;
}

/**
 * `levelOf` and `isSummary` for every line, from one native scan of the whole text instead of
 * regexes per line. Lines the scans cannot judge alone (over 2,000 chars, or with ANSI codes that
 * stripping could join into words) are classified one by one.
 */
export function classifyLines(text: string, lines: readonly string[], starts: Uint32Array): LineClasses {
  const n = lines.length;
  const levels = new Uint8Array(n).fill(ORDER.length - 1);
  // Lines with a SUMMARY word: a screen, such lines are then tested whole.
  const candidate = new Uint8Array(n);
  // `test`, not `exec`: the matched word is read back from where it ends (no match objects).
  let line = 0;
  LEVEL_OR_SUMMARY_WORDS.lastIndex = 0;
  while (LEVEL_OR_SUMMARY_WORDS.test(text)) {
    const end = LEVEL_OR_SUMMARY_WORDS.lastIndex;
    while (starts[line + 1]! <= end - 1) line++;
    const word = wordEndingAt(text, end);
    if ((word & SUMMARY_WORD) !== 0) candidate[line] = 1;
    const level = word & 7;
    if (level < levels[line]!) levels[line] = level;
  }
  const alone = new Uint8Array(n);
  // A line's span (line ending included) screens its length without touching the line string.
  for (let i = 0; i < n; i++)
    if (starts[i + 1]! - starts[i]! > CLASSIFY_CHARS && lines[i]!.length > CLASSIFY_CHARS) alone[i] = 1;
  if (text.includes('\x1b')) markLines(text, starts, /\x1b/g, alone);
  const summary = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (alone[i] === 1) levels[i] = ORDER.indexOf(levelOf(lines[i]!));
    if (
      (alone[i] === 1 || candidate[i] === 1 || maySummaryStart(text, starts[i]!, starts[i + 1]!)) &&
      isSummary(lines[i]!)
    )
      summary[i] = 1;
  }
  return { levels, summary };
}

/**
 * The first char code of line `i`, read in the flat text, for screens that only ask whether it
 * may be blank or equals some printable char: an empty line reads as its line ending (or 0 past
 * the text), which such screens treat like the 0 an empty line gives `charCodeAt(0) | 0`.
 */
const firstCode = (text: string, starts: Uint32Array, i: number): number => text.charCodeAt(starts[i]!) | 0;

/**
 * Whether the line starting at `at` (its line ending included, up to `next`) can match one of
 * SUMMARY's anchored forms (`===`, `---`, `###`, `Tests:`, `ok pkg 0.1s`…; its unanchored forms
 * need a word LEVEL_OR_SUMMARY_WORDS marks): its first char that cannot be whitespace opens one. A cheap screen,
 * read in the flat text; a line of blanks runs into its line ending, blank too, and says no.
 */
function maySummaryStart(text: string, at: number, next: number): boolean {
  let c = text.charCodeAt(at) | 0;
  if (mayBeBlank(c)) {
    // Indented lines (stack frames, continuations): skip what may be `\s` (and some that is not;
    // a screen may say yes too often, never too rarely).
    const end = Math.min(next, text.length);
    do {
      if (++at >= end) return false;
      c = text.charCodeAt(at);
    } while (mayBeBlank(c));
  }
  // `|32` folds only A-Z onto a-z among these codes: t s d o f p in either case.
  const lower = c | 32;
  return (
    c === 61 ||
    c === 45 ||
    c === 35 ||
    lower === 116 ||
    lower === 115 ||
    lower === 100 ||
    lower === 111 ||
    lower === 102 ||
    lower === 112
  );
}

const SUMMARY =
  /^\s*(?:={3,}|-{3,}|#{3,})|\b\d+ (?:passed|failed|skipped|pending|todo|errors?|warnings?|tests?|suites?)\b|^\s*(?:Tests?|Suites?|Test Files|Snapshots|Time|Duration|TOTAL)\b:?|\bBuild\b.*\b(?:succeeded|failed|successful)\b|^\s*(?:ok|FAIL|PASS)\s+\S+\s+\d/i;

export function isSummary(line: string): boolean {
  return line.length <= CLASSIFY_CHARS && SUMMARY.test(stripAnsi(line));
}

const TRACE_MARKERS = /Traceback \(most recent call last\)|panicked at|goroutine /;

/**
 * Inclusive line ranges of stack traces: Python, JS/Java, Rust and Go. `text` (the lines joined)
 * lets whole kinds be ruled out with one native search, and each line's frame test runs once.
 */
export function stackTraces(lines: readonly string[], text: string, starts: Uint32Array): [number, number][] {
  const out: [number, number][] = [];
  const ansi = text.includes('\x1b');
  const plain = ansi ? (i: number) => stripAnsi(lines[i] ?? '') : (i: number) => lines[i] ?? '';
  // First-char screens (exact: each regex below needs that first char), skipped when ANSI codes
  // could hide it. Read in the flat text (`firstCode`): no line string is touched.
  const first = (i: number) => (ansi ? 0 : firstCode(text, starts, i));
  const indented = (i: number) => mayBeBlank(first(i)) && /^\s+\S/.test(plain(i));
  const frames = new Int8Array(lines.length + 1); // 0 unknown, 1 frame, 2 not
  const frame = (i: number) => {
    if (frames[i] === 0) {
      const c = first(i);
      frames[i] =
        (mayBeBlank(c) || c === 67) && /^\s+at\s|^\s*Caused by:|^\s+\.\.\. \d+ more/.test(plain(i)) ? 1 : 2;
    }
    return frames[i] === 1;
  };
  // One regex pass rules out all three markers at once (usual); `includes('panicked at')` alone
  // costs twice that pass.
  const marked = ansi || TRACE_MARKERS.test(text);
  const python = marked && (ansi || text.includes('Traceback (most recent call last)'));
  const goOrRust = marked && (ansi || text.includes('panicked at') || text.includes('goroutine '));
  let i = 0;
  while (i < lines.length) {
    const start = i;
    let end = -1;
    if (
      python &&
      (mayBeBlank(first(i)) || first(i) === 84) &&
      /^Traceback \(most recent call last\)/.test(plain(i).trim())
    ) {
      end = i + 1;
      while (end < lines.length && (indented(end) || plain(end).trim() === '')) end++;
      // the first line back at the margin is the exception message
      if (end >= lines.length) end = lines.length - 1;
    } else if (frame(i + 1) && !frame(i)) {
      end = i + 1;
      while (end + 1 < lines.length && frame(end + 1)) end++;
    } else if (goOrRust && /panicked at|^goroutine \d+ \[/.test(plain(i))) {
      end = i;
      while (
        end + 1 < lines.length &&
        plain(end + 1).trim() !== '' &&
        (indented(end + 1) ||
          /^(?:note|stack backtrace|\s*\d+:|goroutine|main\.|\S+\.go:)/.test(plain(end + 1)))
      )
        end++;
    }
    if (end > start) {
      out.push([start, end]);
      i = end + 1;
    } else {
      i++;
    }
  }
  return out;
}
