/** A text split into lines, remembering its line ending so kept lines rejoin byte-identically. */
export interface Lines {
  readonly lines: readonly string[];
  readonly eol: '\n' | '\r\n';
  /** Whether the text ended with a line ending (restored on output). */
  readonly trailingEol: boolean;
}

export function splitLines(text: string): Lines {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const trailingEol = text.endsWith(eol);
  const body = trailingEol ? text.slice(0, -eol.length) : text;
  return { lines: body.length === 0 ? [] : body.split(eol), eol, trailingEol };
}

const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]/g;

/** A line without terminal colour codes, for classifying (kept lines stay as they were). */
export function stripAnsi(line: string): string {
  return line.includes('\x1b') ? line.replace(ANSI, '') : line;
}

/** Classification looks at this much of a line: enough for any log prefix, linear on huge lines. */
export const CLASSIFY_CHARS = 2000;

/** Everything a template abstracts, in one alternation so a line is scanned once. */
const VARIABLE =
  /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})|("[^"]*"|'[^']*')|((?<![\w.-])(?:[A-Za-z]:)?(?:[\w.-]*\/)+[\w.-]+)|(\b0x[0-9a-f]+\b|\b[0-9a-f]{12,}\b)|(\d+(?:\.\d+)?)|(\s+)/gi;

/**
 * A line's template: what stays when the values change — UUIDs, quoted strings, paths, hex ids
 * and numbers become placeholders, whitespace runs one space. Only the first 2,000 characters count.
 * An `exec` loop, not `replace` with a callback: calling back into JS per match costs twice as much.
 */
export function templateOf(line: string): string {
  const head = stripAnsi(line.length > CLASSIFY_CHARS ? line.slice(0, CLASSIFY_CHARS) : line);
  let out = '';
  let at = 0;
  VARIABLE.lastIndex = 0;
  // Every alternative consumes a char, so the loop always advances.
  for (let m = VARIABLE.exec(head); m !== null; m = VARIABLE.exec(head)) {
    out += head.slice(at, m.index) + placeholder(m);
    at = VARIABLE.lastIndex;
  }
  return (at === 0 ? head : out + head.slice(at)).trim();
}

function placeholder(m: RegExpExecArray): string {
  if (m[1] !== undefined) return '<uuid>';
  if (m[2] !== undefined) return '<str>';
  if (m[3] !== undefined) return '<path>';
  if (m[4] !== undefined) return '<hex>';
  return m[5] !== undefined ? '<n>' : ' ';
}

/** Offset of each line in the text it was split from, plus the end (`starts[n]`, past the last eol). */
export function lineStarts(split: Lines): Uint32Array {
  const { lines, eol } = split;
  const starts = new Uint32Array(lines.length + 1);
  let at = 0;
  for (let i = 0; i < lines.length; i++) {
    starts[i] = at;
    at += lines[i]!.length + eol.length;
  }
  starts[lines.length] = at;
  return starts;
}

/**
 * Sets `flags[line]` for every line holding a match of the global regex `re` (never empty, no
 * `^`/`$`, cannot cross a line ending) in the whole `text`. Uses `test`, so no match objects are
 * built; the line is the one holding the match's last char.
 */
export function markLines(text: string, starts: Uint32Array, re: RegExp, flags: Uint8Array): void {
  let line = 0;
  re.lastIndex = 0;
  while (re.test(text)) {
    const last = re.lastIndex - 1;
    while (starts[line + 1]! <= last) line++;
    flags[line] = 1;
  }
}
