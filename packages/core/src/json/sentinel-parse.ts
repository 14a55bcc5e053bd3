import { type JsonValue, RawNumber } from './raw-number.js';

/** A whole JSON number lexeme (the grammar, anchored). */
const NUMBER_LEXEME = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * Native `JSON.parse` for a text whose risky number tokens (`spans`, from `riskyNumberSpans`) are
 * known: each is swapped for the string `"\u0000<k>"`, and after parsing each such string becomes
 * `RawNumber(lexeme k)`. Several times faster than a parser written in JS when a few numbers need
 * their lexeme (64-bit ids, prices like `19.90`). Returns undefined, so the caller falls back to the
 * lexeme-preserving parser, whenever the swap could be ambiguous: the text already holds `\u0000`, a
 * span is not a number lexeme, or a sentinel is not found in value position (`{1.0: 2}`).
 * Throws what `JSON.parse` throws for invalid text.
 */
export function parseWithSentinels(text: string, spans: readonly number[]): JsonValue | undefined {
  if (text.includes('\\u0000')) return undefined;
  const lexemes: string[] = [];
  const parts: string[] = [];
  let at = 0;
  for (let s = 0; s < spans.length; s += 2) {
    const lexeme = text.slice(spans[s]!, spans[s + 1]!);
    if (!NUMBER_LEXEME.test(lexeme)) return undefined;
    parts.push(text.slice(at, spans[s]!), `"\\u0000${lexemes.length}"`);
    lexemes.push(lexeme);
    at = spans[s + 1]!;
  }
  parts.push(text.slice(at));
  const parsed = JSON.parse(parts.join('')) as JsonValue;
  const restored = { count: 0 };
  const value = restore(parsed, lexemes, restored);
  return restored.count === lexemes.length ? value : undefined;
}

/** The RawNumber a sentinel string stands for, or undefined for any other string. */
function rawFor(s: string, lexemes: readonly string[]): RawNumber | undefined {
  if (s.charCodeAt(0) !== 0) return undefined;
  const k = Number(s.slice(1));
  return Number.isInteger(k) && k < lexemes.length && String(k) === s.slice(1)
    ? new RawNumber(lexemes[k]!)
    : undefined;
}

/** Replaces sentinel strings in value position, in place; counts them in `restored`. */
function restore(value: JsonValue, lexemes: readonly string[], restored: { count: number }): JsonValue {
  if (typeof value === 'string') {
    const raw = rawFor(value, lexemes);
    if (!raw) return value;
    restored.count++;
    return raw;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v = value[i]!;
      if (typeof v === 'object' && v !== null) restore(v, lexemes, restored);
      else if (typeof v === 'string' && v.charCodeAt(0) === 0) value[i] = restore(v, lexemes, restored);
    }
    return value;
  }
  if (typeof value === 'object' && value !== null && !(value instanceof RawNumber)) {
    for (const key of Object.keys(value)) {
      const v = value[key]!;
      if (typeof v === 'object' && v !== null) restore(v, lexemes, restored);
      else if (typeof v === 'string' && v.charCodeAt(0) === 0) {
        // defineProperty keeps a "__proto__" key as data.
        Object.defineProperty(value, key, {
          value: restore(v, lexemes, restored),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
    }
  }
  return value;
}
