import { CODE_LANGUAGE_EXTENSIONS, type CodeLanguage, fileExtension, tryParseJson } from '@headroom/core';
import { GENERIC_CODE_LINE, LANGUAGE_PATTERNS } from './code-patterns.js';
import { stripLineNumbers } from './line-numbers.js';
import type { ContentType, Detection, SourceHints } from './types.js';

/** Detection reads at most this much of the content: large inputs cost no more than 64 KB. */
const SCAN_CHARS = 64 * 1024;
/** Lines are judged by their start: the patterns never look further, and minified lines stay cheap. */
const SCAN_LINE_CHARS = 1000;
const GREP_TOOLS = new Set(['Grep', 'grep', 'rg', 'ripgrep', 'search_code', 'search', 'ag', 'ack']);

// `path:12:` or `path-12-` (ripgrep context); the path must look like one and not be a timestamp.
export const SEARCH_LINE = /^(?!\d{4}-\d\d-\d\d)(?=[^\s:]*[A-Za-z_./\\])[^\s:]+?[:-]\d+[:-]/;
const NUMBERED_LINE = /^\s*\d+(?:\t|→)/;
const DIFF_HEADER =
  /^(?:diff --git |--- (?:a\/|\/dev\/null)|\+\+\+ (?:b\/|\/dev\/null)|@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@)/;
const LOG_LINE = new RegExp(
  [
    String.raw`\b(?:ERROR|FAIL(?:ED|URE)?|FATAL|CRITICAL|PANIC|WARN(?:ING)?|INFO|DEBUG|TRACE|NOTICE)\b`,
    // A timestamp at the start, possibly after a word or two (`update-alternatives 2025-06-24 14:39`).
    String.raw`^\s*(?:[\w.-]+:?\s+){0,2}\[?\d{4}-\d\d-\d\d[T ]+\d\d:\d\d`,
    String.raw`^\s*\[\d\d:\d\d:\d\d`,
    String.raw`^\s*(?:={3,}|-{3,}|\*{3,}|━{3,})`,
    String.raw`\b(?:PASSED|SKIPPED|XFAIL|XPASS)\b|^(?:not )?ok \d+\b|\b\d+ (?:passed|failed|skipped|errors?|warnings?)\b`,
    String.raw`^(?:npm|yarn|pnpm) (?:ERR!|WARN|error|warn|notice)\b|ERR_PNPM_`,
    // Compiler diagnostics: `error[E0308]: …`, `A.java:2: error: …`, `warning: …`, ` --> src/main.rs:2:18`.
    String.raw`^(?:\S+?:\d+(?::\d+)?:?\s+)?(?:error|warning|note|help)(?:\[\w+\])?:\s|\b(?:error|warning) TS\d+:|^\s*--> \S+:\d+:\d+`,
    String.raw`Traceback \(most recent call last\)|^\s+File "[^"]+", line \d+`,
    String.raw`^\s+at \S+ \(|^\s+at \S+:\d+:\d+`,
    String.raw`^\s*(?:✓|✔|✗|✖|×|√|❯|PASS|FAIL)\s`,
    // Source excerpts in diagnostics (rustc, biome): `2 |     let x`, `> 1 │ const a`.
    String.raw`^\s*>?\s*\d+\s+[│|]\s|^\s+[│|]\s`,
    String.raw`^Ran \d+ tests? in|^(?:FAIL|ERROR): \w`,
  ].join('|'),
);
const ERROR_LINE =
  /\b(?:ERROR|FAIL(?:ED)?|FATAL|CRITICAL|PANIC)\b|npm ERR!|^npm error|\berror(?:\[E\d+\])?:|error TS\d+:|Traceback/;
const HTML_TAGS = /<(?:div|span|p|a|ul|li|table|tr|td|script|style|meta|link|section|nav|header|footer)\b/gi;

/** Cheap, ML-free content detection. Never throws; reads a bounded prefix of large inputs. */
export function detectContentType(content: string, hints: SourceHints = {}): Detection {
  try {
    return detect(content, hints);
  } catch {
    return { type: 'text', confidence: 0.5, reason: 'detector-error' };
  }
}

/**
 * The detection for a caller who knows the type (`headroom compress --type`): no guessing and no
 * mixed-content split. Forced JSON that does not parse stays JSON; SmartCrusher then returns it
 * unchanged with its reason.
 */
export function forcedDetection(content: string, type: ContentType, language?: CodeLanguage): Detection {
  const reason = `forced:${type}`;
  if (type === 'json') {
    const json = asJson(content.charCodeAt(0) === 0xfeff ? content.slice(1) : content);
    return json ? { ...json, confidence: 1, reason } : { type, confidence: 1, reason };
  }
  if (type === 'code') {
    // Without a language, the detector's guess among the code languages is the best there is.
    const guessed = language ?? detectContentType(content).language;
    return { type, confidence: 1, reason, ...(guessed ? { language: guessed } : {}) };
  }
  return { type, confidence: 1, reason };
}

function detect(content: string, hints: SourceHints): Detection {
  const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  const head = text.length > SCAN_CHARS ? text.slice(0, SCAN_CHARS) : text;
  if (head.trim() === '' && text.trim() === '') return { type: 'empty', confidence: 1, reason: 'whitespace' };
  const lines = firstLines(head, 200);

  if (isNumbered(lines)) {
    // A file read with a line-number gutter: code is compressed without the gutter, which is then
    // restored; anything else is line-oriented text whose gutter stays as it is.
    const inner = detect(stripLineNumbers(text), hints);
    return inner.type === 'code'
      ? { ...inner, numbered: true, reason: `numbered-read:${inner.reason}` }
      : { type: 'text', confidence: 0.6, reason: 'numbered-read' };
  }
  const hinted = fromHints(text, lines, hints);
  if (hinted) return hinted;
  const json = asJson(text);
  if (json) return json;
  return (
    asDiff(lines) ??
    asHtml(head) ??
    asSearch(lines, 0.3) ??
    asLog(lines) ??
    asCode(lines) ?? { type: 'text', confidence: 0.5, reason: 'prose' }
  );
}

function fromHints(text: string, lines: string[], hints: SourceHints): Detection | undefined {
  const ext = hints.filePath === undefined ? undefined : fileExtension(hints.filePath);
  if (ext !== undefined) {
    const language = CODE_LANGUAGE_EXTENSIONS[ext];
    if (language) return { type: 'code', confidence: 0.95, language, reason: `hint:path:.${ext}` };
    if (ext === 'json') {
      const json = asJson(text);
      if (json) return { ...json, reason: 'hint:path:.json' };
    }
    if (ext === 'log') return { type: 'log', confidence: 0.9, reason: 'hint:path:.log' };
    if (ext === 'diff' || ext === 'patch')
      return { type: 'diff', confidence: 0.9, reason: `hint:path:.${ext}` };
  }
  if (hints.toolName !== undefined && GREP_TOOLS.has(hints.toolName)) {
    const search = asSearch(lines, 0);
    if (search)
      return {
        ...search,
        confidence: Math.max(search.confidence, 0.9),
        reason: `hint:tool:${hints.toolName}`,
      };
  }
  return undefined;
}

function asJson(text: string): Detection | undefined {
  const trimmed = text.trim();
  const first = trimmed[0];
  if (first !== '[' && first !== '{') return undefined;
  const last = trimmed[trimmed.length - 1];
  if ((first === '[' && last !== ']') || (first === '{' && last !== '}')) return undefined;
  const parsed = tryParseJson(trimmed);
  if (parsed === undefined) return undefined;
  if (!Array.isArray(parsed)) return { type: 'json', confidence: 0.9, reason: 'json:object', parsed };
  const objects =
    parsed.length > 0 && parsed.every((v) => typeof v === 'object' && v !== null && !Array.isArray(v));
  return objects
    ? { type: 'json', confidence: 1, reason: 'json:array-of-objects', parsed }
    : { type: 'json', confidence: 0.8, reason: 'json:array', parsed };
}

function asDiff(lines: readonly string[]): Detection | undefined {
  let score = 0.5;
  let headers = 0;
  for (const line of lines.slice(0, 50)) {
    if (DIFF_HEADER.test(line)) {
      score += 0.2;
      headers++;
    } else if ((line[0] === '+' || line[0] === '-') && headers > 0) score += 0.05;
  }
  return headers > 0 && score >= 0.7
    ? { type: 'diff', confidence: Math.min(1, score), reason: `diff:${headers}-headers` }
    : undefined;
}

function asHtml(head: string): Detection | undefined {
  const lower = head.slice(0, 4096).toLowerCase();
  let score = 0;
  if (lower.includes('<!doctype html')) score += 0.5;
  if (lower.includes('<html')) score += 0.3;
  if (lower.includes('<head')) score += 0.1;
  if (lower.includes('<body')) score += 0.1;
  score += Math.min(0.3, 0.03 * (head.match(HTML_TAGS)?.length ?? 0));
  return score >= 0.7 ? { type: 'html', confidence: Math.min(1, score), reason: 'html:tags' } : undefined;
}

function asSearch(lines: readonly string[], minRatio: number): Detection | undefined {
  const nonEmpty = lines.filter((l) => l.trim() !== '').slice(0, 100);
  if (nonEmpty.length === 0) return undefined;
  const hits = nonEmpty.filter((l) => SEARCH_LINE.test(l)).length;
  const r = hits / nonEmpty.length;
  if (hits === 0 || r < Math.max(minRatio, 0)) return undefined;
  return { type: 'search', confidence: 0.4 + 0.6 * r, reason: `search:${hits}/${nonEmpty.length}-lines` };
}

function asLog(lines: readonly string[]): Detection | undefined {
  let hits = 0;
  let errors = 0;
  let nonEmpty = 0;
  for (const line of lines) {
    if (line.trim() === '') continue;
    nonEmpty++;
    if (LOG_LINE.test(line)) hits++;
    if (ERROR_LINE.test(line)) errors++;
  }
  const ratio = nonEmpty === 0 ? 0 : hits / nonEmpty;
  const confidence = Math.min(1, 0.3 + 0.5 * ratio + 0.05 * errors);
  return ratio >= 0.1 && confidence >= 0.5
    ? { type: 'log', confidence, reason: `log:${hits}/${nonEmpty}-lines` }
    : undefined;
}

function asCode(lines: readonly string[]): Detection | undefined {
  const code = codeLines(lines).slice(0, CODE_SAMPLE_LINES);
  if (code.length === 0) return undefined;
  let best: { language: CodeLanguage; matches: number } | undefined;
  const candidates = code.filter((l) => CODE_CHARS.test(l));
  for (const [language, pattern] of LANGUAGE_PATTERNS) {
    let matches = 0;
    for (const line of candidates) if (pattern.test(line)) matches++;
    if (!best || matches > best.matches) best = { language, matches };
  }
  if (!best || best.matches < 3) return undefined;
  const { language } = best;
  const pattern = LANGUAGE_PATTERNS.find(([l]) => l === language)![1];
  const codeLike = candidates.filter((l) => pattern.test(l) || GENERIC_CODE_LINE.test(l)).length;
  const ratio = codeLike / code.length;
  const confidence = Math.min(1, 0.4 + 0.4 * ratio + 0.02 * best.matches);
  return confidence >= 0.5 && ratio >= 0.3
    ? {
        type: 'code',
        confidence,
        language,
        reason: `code:${language}:${best.matches}+${codeLike}/${code.length}`,
      }
    : undefined;
}

/** Enough lines to tell the language; fewer keep detection cheap on large files. */
const CODE_SAMPLE_LINES = 60;
// Lines with none of these can only be Python/Go/Rust/Java statements that start with a keyword.
const CODE_CHARS =
  /[(){}[\];=:<>#@]|^\s*(?:import|from|package|use|return|pass|break|continue|raise|yield)\b/;

const COMMENT_LINE = /^\s*(?:\/\/|\/\*|\*|#(?!include|define|if|endif|pragma|\[|!)|--\s)/;

/**
 * The lines that can tell code from prose: not blank, not comments (licence headers), not inside
 * Python docstrings, and not inside Markdown fences (a README with examples is prose).
 */
function codeLines(lines: readonly string[]): string[] {
  const out: string[] = [];
  let fenced = false;
  let docstring = false;
  for (const line of lines) {
    const t = line.trim();
    if (t.startsWith('```')) {
      fenced = !fenced;
      continue;
    }
    const quotes = (t.match(/"""|'''/g) ?? []).length;
    if (docstring) {
      if (quotes % 2 === 1) docstring = false;
      continue;
    }
    if (quotes % 2 === 1) docstring = true;
    if (fenced || t === '' || COMMENT_LINE.test(line)) continue;
    out.push(line);
  }
  return out;
}

function firstLines(text: string, max: number): string[] {
  const out: string[] = [];
  let start = 0;
  while (out.length < max && start <= text.length) {
    const end = text.indexOf('\n', start);
    const stop = Math.min(end === -1 ? text.length : end, start + SCAN_LINE_CHARS);
    const line = text.slice(start, stop);
    out.push(line.endsWith('\r') ? line.slice(0, -1) : line);
    if (end === -1) break;
    start = end + 1;
  }
  return out;
}

function isNumbered(lines: readonly string[]): boolean {
  const nonEmpty = lines.filter((l) => l !== '');
  return (
    nonEmpty.length >= 3 && nonEmpty.filter((l) => NUMBERED_LINE.test(l)).length >= 0.9 * nonEmpty.length
  );
}
