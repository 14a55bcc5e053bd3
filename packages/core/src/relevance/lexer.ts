const UUID_AT = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/y;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const DIGITS = /^\p{N}+$/u;

/** ASCII letters and digits, by char code. */
const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD[c] = /[A-Za-z0-9]/.test(String.fromCharCode(c)) ? 1 : 0;

function isWordCode(code: number, text: string, i: number): boolean {
  if (code < 128) return ASCII_WORD[code] === 1;
  return WORD_CHAR.test(String.fromCodePoint(text.codePointAt(i)!));
}

/**
 * Scans the word tokens of lowercased `text` without allocating them: UUIDs whole, otherwise runs
 * of letters and digits. Calls `emit(start, end)` for each token kept (more than one character, or
 * numeric) and returns how many there were. The tokenizer behind `lexTokens`, for callers that
 * compare or hash tokens in place.
 */
export function forEachToken(text: string, emit?: (start: number, end: number) => void): number {
  let count = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const code = text.charCodeAt(i);
    if (!isWordCode(code, text, i)) {
      i += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
      continue;
    }
    let end: number;
    UUID_AT.lastIndex = i;
    if (code < 128 && text.charCodeAt(i + 8) === 45 && UUID_AT.test(text)) {
      end = UUID_AT.lastIndex;
    } else {
      end = i;
      while (end < n) {
        const c = text.charCodeAt(end);
        if (!isWordCode(c, text, end)) break;
        end += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
      }
    }
    if (end - i > 1 || (code >= 48 && code <= 57) || (code >= 128 && DIGITS.test(text.slice(i, end)))) {
      count++;
      emit?.(i, end);
    }
    i = end;
  }
  return count;
}

/**
 * Lowercased word tokens: UUIDs stay whole, otherwise runs of letters and digits (so `_`, `-`, `.`
 * split; camelCase does not). One-character tokens are dropped unless numeric.
 */
export function lexTokens(text: string): string[] {
  const lower = text.toLowerCase();
  const out: string[] = [];
  forEachToken(lower, (start, end) => out.push(lower.slice(start, end)));
  return out;
}

/** How many tokens `lexTokens` would return for already-lowercased text, without building them. */
export function countLexTokens(lower: string): number {
  return forEachToken(lower);
}

/** Words that carry no relevance in a query: articles, pronouns, and query verbs. */
export const QUERY_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or of to in on at for by with from into about as is are was were be been being ' +
    'do does did can could would should will shall may might must have has had ' +
    'i me my mine we us our you your yours he him his she her it its they them their this that these those ' +
    'what which who whom whose where when why how there here ' +
    'show find get list give tell display fetch search look please'
  ).split(' '),
);

/** Query tokens without stop words; duplicates removed, first occurrence order kept. */
export function queryTokens(query: string): string[] {
  return [...new Set(lexTokens(query).filter((t) => !QUERY_STOP_WORDS.has(t)))];
}
