import { findProtectedSpans, isProtectedWord, isUnitAfter } from './protected-words.js';

/**
 * A text as words (maximal non-whitespace runs, or a whole protected span) and the exact whitespace
 * around them, so `prefix + Σ(words[i] + seps[i])` is the original text byte for byte.
 */
export interface Segmented {
  /** Whitespace before the first word. */
  prefix: string;
  words: string[];
  /** The whitespace after each word (the last one is the text's trailing whitespace). */
  seps: string[];
  /** 1 = never dropped. */
  protect: Uint8Array;
  /** 1 = a chunk may end after this word (a sentence end or a line break follows). */
  breakAfter: Uint8Array;
}

const SENTENCE_END = /[.!?…][)\]"'’”]*$/;
/** Last characters a sentence end can have, checked before the regex. */
const ENDS = new Set([...'.!?…)]"\'’”'].map((c) => c.charCodeAt(0)));
const NOT_WS = /\S+/g;

export function segment(text: string, protectCustomTags: boolean): Segmented {
  const spans = findProtectedSpans(text, protectCustomTags);
  const words: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const merged: boolean[] = [];
  let span = 0;
  NOT_WS.lastIndex = 0;
  for (let m = NOT_WS.exec(text); m !== null; m = NOT_WS.exec(text)) {
    const start = m.index;
    let end = start + m[0].length;
    let isSpan = false;
    // Swallow every span this word touches, and every word up to each span's end.
    while (span < spans.length && spans[span]![0] < end) {
      isSpan = true;
      if (spans[span]![1] > end) {
        NOT_WS.lastIndex = spans[span]![1];
        const tail = NOT_WS.exec(text);
        end = tail !== null && tail.index === spans[span]![1] ? tail.index + tail[0].length : spans[span]![1];
        NOT_WS.lastIndex = end;
      }
      span++;
    }
    words.push(isSpan ? text.slice(start, end) : m[0]);
    starts.push(start);
    ends.push(end);
    merged.push(isSpan);
  }

  const n = words.length;
  const seps: string[] = new Array(n);
  const protect = new Uint8Array(n);
  const breakAfter = new Uint8Array(n);
  const verdicts = new Map<string, boolean>();
  for (let i = 0; i < n; i++) {
    const word = words[i]!;
    seps[i] = text.slice(ends[i]!, i + 1 < n ? starts[i + 1]! : text.length);
    let verdict = verdicts.get(word);
    if (verdict === undefined) {
      verdict = isProtectedWord(word);
      verdicts.set(word, verdict);
    }
    // A unit can only follow a number, and numbers are protected: test units after protected words.
    if (merged[i] || verdict || (i > 0 && protect[i - 1] && isUnitAfter(words[i - 1], word))) protect[i] = 1;
    if (seps[i]!.includes('\n') || (ENDS.has(word.charCodeAt(word.length - 1)) && SENTENCE_END.test(word))) {
      breakAfter[i] = 1;
    }
  }
  return { prefix: text.slice(0, n > 0 ? starts[0]! : text.length), words, seps, protect, breakAfter };
}
