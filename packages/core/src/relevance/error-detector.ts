import { RawNumber } from '../json/raw-number.js';
import type { JoinedDocs } from './joined-docs.js';

/** Error words, matched as whole words or CamelCase/snake_case components of a string value. */
const ERROR_WORDS = new Set([
  'error',
  'errors',
  'errored',
  'exception',
  'exceptions',
  'failed',
  'failure',
  'failures',
  'fatal',
  'critical',
  'crash',
  'crashed',
  'panic',
  'panicked',
  'abort',
  'aborted',
  'timeout',
  'denied',
  'rejected',
  'refused',
  'traceback',
  'segfault',
  'unhandled',
  'unauthorized',
  'forbidden',
]);
/** Cheap case-insensitive screen: a string without any of these stems cannot hold an error word. */
const ERROR_STEMS =
  /error|exception|fail|fatal|critical|crash|panic|abort|timeout|timed|denied|rejected|refused|traceback|segfault|unhandled|unauthorized|forbidden/i;
const ERROR_KEY_WORDS = new Set([
  'error',
  'errors',
  'err',
  'exception',
  'exceptions',
  'failure',
  'failures',
  'fault',
  'faults',
  'traceback',
  'stacktrace',
]);
const SUCCESS_WORDS = new Set(['success', 'succeeded', 'ok', 'passed', 'healthy']);
const FAILURE_FLAG_WORDS = new Set(['failed', 'errored']);
const SEVERE_LEVELS = /^(err|error|crit|critical|alert|emerg|emergency|severe|fatal)$/i;

/** Word components of a key or value: split on non-alphanumerics and camelCase humps. */
function components(text: string): string[] {
  return text
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** True when a string value mentions an error (`TimeoutError`, `NullPointerException`, "timed out"). */
export function isErrorValue(value: unknown): boolean {
  if (typeof value !== 'string' || value.length === 0 || !ERROR_STEMS.test(value)) return false;
  if (/\btimed[\s_-]+out\b/i.test(value)) return true;
  return components(value).some((w) => ERROR_WORDS.has(w));
}

const ERROR_STEMS_ALL = new RegExp(ERROR_STEMS.source, 'gi');

/**
 * The lines of `text` that hold an error stem, from one regex pass over the whole text instead of
 * one per line: `isErrorValue(line)` can be true only where the flag is set. `lineStarts` holds
 * each line's offset plus the end (stems are letters, so a match never crosses a line ending).
 */
export function errorStemLines(text: string, lineStarts: ArrayLike<number>): Uint8Array {
  const n = Math.max(0, lineStarts.length - 1);
  const flags = new Uint8Array(n);
  let line = 0;
  ERROR_STEMS_ALL.lastIndex = 0;
  // `test`, not `exec`: no match objects; the line is the one holding the match's last char.
  while (ERROR_STEMS_ALL.test(text)) {
    const last = ERROR_STEMS_ALL.lastIndex - 1;
    while (line < n - 1 && lineStarts[line + 1]! <= last) line++;
    flags[line] = 1;
  }
  return flags;
}

/**
 * Per document, whether it may hold an error stem (one regex pass over the joined text): every
 * document holding one is flagged, so one that is not holds no string `isErrorValue` accepts.
 * Stems are letters: with gaps of non-letters (`valueDocs` puts a space) a match never crosses a
 * gap; one that does (letters in a gap) flags the first document ending after its last char.
 */
export function errorStemDocs(docs: JoinedDocs): Uint8Array {
  const { text, ends } = docs;
  const n = ends.length;
  const flags = new Uint8Array(n);
  let doc = 0;
  ERROR_STEMS_ALL.lastIndex = 0;
  while (doc < n && ERROR_STEMS_ALL.test(text)) {
    // The match's last char is inside the first document ending after it.
    const last = ERROR_STEMS_ALL.lastIndex - 1;
    while (doc < n && ends[doc]! <= last) doc++;
    if (doc < n) flags[doc] = 1;
  }
  return flags;
}

/** What a key name can signal; keys repeat across items, so this is computed once per key. */
enum KeyClass {
  None = 0,
  ErrorField = 1,
  SuccessFlag = 2,
  FailureFlag = 4,
  StatusOrCode = 8,
  LevelOrSeverity = 16,
}

// A plain map, reset when full: an LRU's refresh on every hit would cost more than it saves here.
const keyClasses = new Map<string, number>();
const MAX_CACHED_KEYS = 4096;

function classifyKey(key: string): number {
  let cls = keyClasses.get(key);
  if (cls !== undefined) return cls;
  const words = components(key);
  const last = words[words.length - 1];
  cls = KeyClass.None;
  if (words.some((w) => ERROR_KEY_WORDS.has(w))) cls |= KeyClass.ErrorField;
  if (last !== undefined && SUCCESS_WORDS.has(last)) cls |= KeyClass.SuccessFlag;
  if (key === 'is_error' || key === 'isError' || (last !== undefined && FAILURE_FLAG_WORDS.has(last))) {
    cls |= KeyClass.FailureFlag;
  }
  if (words.some((w) => w === 'status' || w === 'code')) cls |= KeyClass.StatusOrCode;
  if (words.some((w) => w === 'level' || w === 'severity')) cls |= KeyClass.LevelOrSeverity;
  if (keyClasses.size >= MAX_CACHED_KEYS) keyClasses.clear();
  keyClasses.set(key, cls);
  return cls;
}

function isPresent(value: unknown): boolean {
  if (typeof value === 'string') return value.length > 0;
  if (value === true) return true;
  if (Array.isArray(value)) return value.length > 0;
  return (
    typeof value === 'object' &&
    value !== null &&
    !(value instanceof RawNumber) &&
    Object.keys(value).length > 0
  );
}

function isHttpErrorCode(value: unknown): boolean {
  const n =
    typeof value === 'number' && Number.isInteger(value)
      ? value
      : typeof value === 'string' && /^\d{3}$/.test(value)
        ? Number(value)
        : undefined;
  return n !== undefined && n >= 400 && n <= 599;
}

function isErrorField(key: string, value: unknown): boolean {
  const cls = classifyKey(key);
  if (cls === KeyClass.None) return false;
  return (
    ((cls & KeyClass.ErrorField) !== 0 && isPresent(value)) ||
    ((cls & KeyClass.SuccessFlag) !== 0 && value === false) ||
    ((cls & KeyClass.FailureFlag) !== 0 && value === true) ||
    ((cls & KeyClass.StatusOrCode) !== 0 && isHttpErrorCode(value)) ||
    ((cls & KeyClass.LevelOrSeverity) !== 0 && typeof value === 'string' && SEVERE_LEVELS.test(value))
  );
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** `clean`: strings this many levels further down or fewer are known to hold no error stem. */
function walk(value: unknown, depth: number, clean: number): boolean {
  if (typeof value === 'string') return clean < 0 && isErrorValue(value);
  if (depth <= 0 || typeof value !== 'object' || value === null || value instanceof RawNumber) return false;
  if (Array.isArray(value)) {
    for (const v of value) if (walk(v, depth - 1, clean - 1)) return true;
    return false;
  }
  // The screen saw own values only (`Object.values`); `for…in` also visits inherited ones.
  const below = clean >= 0 && !isPlainObject(value) ? -1 : clean - 1;
  for (const key in value) {
    const v = (value as Record<string, unknown>)[key];
    if (isErrorField(key, v) || walk(v, depth - 1, below)) return true;
  }
  return false;
}

/**
 * True when a JSON item signals an error by its values, never by key names alone:
 * `{"error": null}`, `{"timeout_ms": 500}` and `{"error_rate": 0.02}` are not errors;
 * `{"status": "failed"}`, `{"success": false}`, `{"exception": "TimeoutError"}` and
 * `{"status_code": 503}` are.
 *
 * `stemFreeDepth`: the item's strings nested at most this deep (the item itself is depth 0) are
 * known to hold no error stem, e.g. from `errorStemDocs` over `valueDocs` (which holds the strings
 * down to its `maxDepth`); they are not tested again. Keys and deeper strings still are.
 */
export function isErrorItem(
  item: unknown,
  opts: { maxDepth?: number; stemFreeDepth?: number } = {},
): boolean {
  return walk(item, opts.maxDepth ?? 6, opts.stemFreeDepth ?? -1);
}
