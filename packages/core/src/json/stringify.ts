import { RawNumber } from './raw-number.js';
import { withRawSentinels } from './raw-sentinels.js';

/**
 * Compact JSON, like `JSON.stringify(value)`, except that {@link RawNumber}s are written with
 * their original lexeme, so numbers parsed by `parseJson` survive byte-exactly.
 */
export function stringifyCompact(value: unknown): string {
  // Native stringify is ~3× faster than the writer below; a walk to rule out RawNumbers costs ~8 %.
  if (!containsRawNumber(value)) return JSON.stringify(value) ?? 'null';
  return withSentinels(value) ?? write(value, false) ?? 'null';
}

const SENTINEL = /"\\u0000(\d+)"/g;

/**
 * Native stringify with each RawNumber as a sentinel string, then each sentinel replaced by its
 * lexeme. Undefined (use the writer) unless every `\u0000` in the text is one of the sentinels, in
 * order: a string holding U+0000 (or a literal `\u0000`) could otherwise pass for one.
 */
function withSentinels(value: unknown): string | undefined {
  const lexemes: string[] = [];
  const text = withRawSentinels(lexemes, () => JSON.stringify(value));
  if (text === undefined) return undefined;
  let escapes = 0;
  for (let at = text.indexOf('\\u0000'); at >= 0; at = text.indexOf('\\u0000', at + 6)) escapes++;
  if (escapes !== lexemes.length) return undefined;
  let next = 0;
  let inOrder = true;
  const out = text.replace(SENTINEL, (_, k: string) => {
    if (Number(k) !== next++) inOrder = false;
    return lexemes[Number(k)] ?? '';
  });
  return inOrder && next === lexemes.length ? out : undefined;
}

/** True when a value holds a RawNumber anywhere (then only `stringifyCompact` writes it exactly). */
export function containsRawNumber(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (value instanceof RawNumber) return true;
  if (Array.isArray(value)) {
    for (const v of value) if (typeof v === 'object' && v !== null && containsRawNumber(v)) return true;
    return false;
  }
  for (const key in value) {
    const v = (value as Record<string, unknown>)[key];
    if (typeof v === 'object' && v !== null && containsRawNumber(v)) return true;
  }
  return false;
}

/** Compact JSON with object keys sorted: for fingerprints and de-duplication keys only. */
export function stableStringify(value: unknown): string {
  return write(value, true) ?? 'null';
}

function write(value: unknown, sortKeys: boolean): string | undefined {
  if (value instanceof RawNumber) return value.raw;
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value) as string | undefined;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return write((value as { toJSON(): unknown }).toJSON(), sortKeys);
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      out += write(value[i], sortKeys) ?? 'null';
    }
    return `${out}]`;
  }
  const keys = Object.keys(value);
  if (sortKeys) keys.sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const v = write((value as Record<string, unknown>)[key], sortKeys);
    if (v === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${v}`;
    first = false;
  }
  return `${out}}`;
}
