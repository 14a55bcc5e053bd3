import { CLASSIFY_CHARS, stripAnsi } from './lines.js';

export type Level = 'error' | 'fail' | 'warn' | 'info' | 'debug' | 'trace' | 'other';

/** Every level keyword, case-insensitive, in one pass; case rules are applied per match below. */
const LEVEL_WORDS =
  /\b(?:ERROR|ERR|FATAL|CRITICAL|CRIT|PANIC|SEVERE|EMERG(?:ENCY)?|ALERT|panicked|FAIL(?:ED|URE|ING)?|WARN(?:ING)?|INFO|DEBUG|TRACE)\b|^error(?:\[\w+\])?:|\berror TS\d+|✗|✖/gi;
const ORDER: Level[] = ['error', 'fail', 'warn', 'info', 'debug', 'trace', 'other'];

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

const SUMMARY =
  /^\s*(?:={3,}|-{3,}|#{3,})|\b\d+ (?:passed|failed|skipped|pending|todo|errors?|warnings?|tests?|suites?)\b|^\s*(?:Tests?|Suites?|Test Files|Snapshots|Time|Duration|TOTAL)\b:?|\bBuild\b.*\b(?:succeeded|failed|successful)\b|^\s*(?:ok|FAIL|PASS)\s+\S+\s+\d/i;

export function isSummary(line: string): boolean {
  return line.length <= CLASSIFY_CHARS && SUMMARY.test(stripAnsi(line));
}

/** Inclusive line ranges of stack traces: Python, JS/Java, Rust and Go. */
export function stackTraces(lines: readonly string[]): [number, number][] {
  const out: [number, number][] = [];
  const plain = (i: number) => stripAnsi(lines[i] ?? '');
  const indented = (i: number) => /^\s+\S/.test(plain(i));
  const frame = (i: number) => /^\s+at\s|^\s*Caused by:|^\s+\.\.\. \d+ more/.test(plain(i));
  let i = 0;
  while (i < lines.length) {
    const line = plain(i);
    const start = i;
    let end = -1;
    if (/^Traceback \(most recent call last\)/.test(line.trim())) {
      end = i + 1;
      while (end < lines.length && (indented(end) || plain(end).trim() === '')) end++;
      // the first line back at the margin is the exception message
      if (end >= lines.length) end = lines.length - 1;
    } else if (frame(i + 1) && !frame(i)) {
      end = i + 1;
      while (end + 1 < lines.length && frame(end + 1)) end++;
    } else if (/panicked at|^goroutine \d+ \[/.test(line)) {
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
