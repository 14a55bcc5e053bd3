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
 * LEVEL_WORDS for a whole text: its `^error…:` and `error TS…` forms are left out because they
 * never match where `\bERROR\b` (tried first, same level) does not.
 */
const LEVEL_WORDS_TEXT =
  /\b(?:ERROR|ERR|FATAL|CRITICAL|CRIT|PANIC|SEVERE|EMERG(?:ENCY)?|ALERT|panicked|FAIL(?:ED|URE|ING)?|WARN(?:ING)?|INFO|DEBUG|TRACE)\b|✗|✖/gi;
/** Words one of SUMMARY's unanchored forms needs (a screen: such lines are then tested whole). */
const SUMMARY_WORDS = /\b(?:passed|failed|skipped|pending|todo|errors?|warnings?|tests?|suites?|build)\b/gi;

const [ERROR, FAIL, WARN, INFO, DEBUG, TRACE, OTHER] = [0, 1, 2, 3, 4, 5, 6] as const; // ORDER indexes
const isLetter = (c: number) => (c | 32) >= 97 && (c | 32) <= 122;

/**
 * `levelOfWord` (as an ORDER index) of the LEVEL_WORDS_TEXT match ending at `end`: ✗/✖, or a
 * level word, which starts where the letters before `end` do (`\b` before it). The words are
 * told apart by first letter, and `fatal`/`fail…` by their third.
 */
function levelEndingAt(text: string, end: number): number {
  const last = text.charCodeAt(end - 1);
  if (last === 0x2717 || last === 0x2716) return FAIL;
  let from = end - 1;
  while (from > 0 && isLetter(text.charCodeAt(from - 1))) from--;
  let upper = true;
  for (let i = from; i < end; i++) if (text.charCodeAt(i) >= 97) upper = false;
  switch (text.charCodeAt(from) | 32) {
    case 119: // w
      return WARN;
    case 105: // i
      return INFO;
    case 100: // d
      return DEBUG;
    case 116: // t
      return upper ? TRACE : OTHER;
    case 102: // f: fatal or fail…
      if ((text.charCodeAt(from + 2) | 32) === 105) return upper ? FAIL : OTHER;
      return ERROR;
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
 * `levelOf` and `isSummary` for every line, from two native scans of the whole text instead of
 * regexes per line. Lines the scans cannot judge alone (over 2,000 chars, or with ANSI codes that
 * stripping could join into words) are classified one by one.
 */
export function classifyLines(text: string, lines: readonly string[], starts: Uint32Array): LineClasses {
  const n = lines.length;
  const levels = new Uint8Array(n).fill(ORDER.length - 1);
  // `test`, not `exec`: the matched word is read back from where it ends (no match objects).
  let line = 0;
  LEVEL_WORDS_TEXT.lastIndex = 0;
  while (LEVEL_WORDS_TEXT.test(text)) {
    const end = LEVEL_WORDS_TEXT.lastIndex;
    while (starts[line + 1]! <= end - 1) line++;
    const level = levelEndingAt(text, end);
    if (level < levels[line]!) levels[line] = level;
  }
  const candidate = new Uint8Array(n);
  markLines(text, starts, SUMMARY_WORDS, candidate);
  const alone = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (lines[i]!.length > CLASSIFY_CHARS) alone[i] = 1;
  if (text.includes('\x1b')) markLines(text, starts, /\x1b/g, alone);
  const summary = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const line = lines[i]!;
    if (alone[i] === 1) levels[i] = ORDER.indexOf(levelOf(line));
    if ((alone[i] === 1 || candidate[i] === 1 || maySummaryStart(line)) && isSummary(line)) summary[i] = 1;
  }
  return { levels, summary };
}

/**
 * Whether a line can start a summary: its first char opens one of SUMMARY's anchored forms
 * (`===`, `---`, `###`, `Tests:`, `ok pkg 0.1s`…) or may be whitespace. A cheap screen.
 */
function maySummaryStart(line: string): boolean {
  const c = line.charCodeAt(0) | 0;
  if (mayBeBlank(c)) return true;
  return c === 61 || c === 45 || c === 35 || 'tTsSdDoOfFpP'.includes(line[0]!);
}

const SUMMARY =
  /^\s*(?:={3,}|-{3,}|#{3,})|\b\d+ (?:passed|failed|skipped|pending|todo|errors?|warnings?|tests?|suites?)\b|^\s*(?:Tests?|Suites?|Test Files|Snapshots|Time|Duration|TOTAL)\b:?|\bBuild\b.*\b(?:succeeded|failed|successful)\b|^\s*(?:ok|FAIL|PASS)\s+\S+\s+\d/i;

export function isSummary(line: string): boolean {
  return line.length <= CLASSIFY_CHARS && SUMMARY.test(stripAnsi(line));
}

/**
 * Inclusive line ranges of stack traces: Python, JS/Java, Rust and Go. `text` (the lines joined)
 * lets whole kinds be ruled out with one native search, and each line's frame test runs once.
 */
export function stackTraces(lines: readonly string[], text: string): [number, number][] {
  const out: [number, number][] = [];
  const ansi = text.includes('\x1b');
  const plain = ansi ? (i: number) => stripAnsi(lines[i] ?? '') : (i: number) => lines[i] ?? '';
  // First-char screens (exact: each regex below needs that first char), skipped when ANSI codes
  // could hide it.
  const first = (i: number) => (ansi ? 0 : (lines[i] ?? '').charCodeAt(0) | 0);
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
  const python = ansi || text.includes('Traceback (most recent call last)');
  const goOrRust = ansi || text.includes('panicked at') || text.includes('goroutine ');
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
