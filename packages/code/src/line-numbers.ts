/**
 * Line-numbered read output of coding agents (`     12\tcode`, `    12→code`): the prefixes are
 * set aside so the bare code is compressed, and kept lines get their own prefix back.
 */
export interface NumberedText {
  /** The code without prefixes, line for line. */
  code: string;
  /** Each line's prefix (`''` for a line that had none). */
  prefixes: string[];
  /** The numbered text ended with a newline (the code may end with one only because its last line is empty). */
  trailingNewline: boolean;
}

const PREFIX = /^ *(\d+)(?:\t|→)/;
const MIN_NUMBERED = 3;

/** Splits off line-number prefixes when ≥ 90 % of non-empty lines carry consecutive ones; else undefined. */
export function stripLineNumbers(text: string): NumberedText | undefined {
  const lines = text.split('\n');
  const trailing = text.endsWith('\n');
  if (trailing) lines.pop();
  const prefixes = new Array<string>(lines.length);
  const code = new Array<string>(lines.length);
  let numbered = 0;
  let nonEmpty = 0;
  let previous = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.length > 0 && line !== '\r') nonEmpty++;
    const m = PREFIX.exec(line);
    if (!m) {
      prefixes[i] = '';
      code[i] = line;
      continue;
    }
    const n = Number(m[1]);
    if (previous >= 0 && n !== previous + 1) return undefined;
    previous = n;
    numbered++;
    prefixes[i] = m[0];
    code[i] = line.slice(m[0].length);
  }
  if (numbered < MIN_NUMBERED || numbered < 0.9 * nonEmpty) return undefined;
  return { code: code.join('\n') + (trailing ? '\n' : ''), prefixes, trailingNewline: trailing };
}
