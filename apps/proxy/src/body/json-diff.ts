import type { JNode } from './json-scan.js';
import { type Edit, jsonStringBytes } from './splice.js';

export interface DiffEdits {
  /** String-literal replacements, in order, with `intended` their decoded texts (for `verifySplice`). */
  replace: Edit[];
  intended: string[];
  /** Appended array items (inserted before the closing `]`). */
  insert: Edit[];
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Turns a copy-on-write change of a parsed JSON value (`after`, sharing every untouched object with
 * `before`) into splice edits over the original bytes of `node`: changed strings become literal
 * replacements, items appended to an array become inserts. Anything else — a new or removed key,
 * a removed item, a changed number or type — is not expressible and returns false, so the caller
 * forwards the original. Untouched subtrees (same object) are skipped without comparison.
 */
export function diffToEdits(node: JNode, before: unknown, after: unknown, out: DiffEdits): boolean {
  if (before === after) return true;
  if (typeof after === 'string') {
    if (node.kind !== 'string') return false;
    out.replace.push({ start: node.start, end: node.end, bytes: jsonStringBytes(after) });
    out.intended.push(after);
    return true;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    if (node.kind !== 'array' || node.items.length !== before.length || after.length < before.length)
      return false;
    for (let i = 0; i < before.length; i++) {
      if (!diffToEdits(node.items[i]!, before[i], after[i], out)) return false;
    }
    if (after.length > before.length) {
      const items = after.slice(before.length).map((x) => JSON.stringify(x));
      const bytes = Buffer.from(`${before.length > 0 ? ',' : ''}${items.join(',')}`, 'utf8');
      out.insert.push({ start: node.end - 1, end: node.end - 1, bytes });
    }
    return true;
  }
  if (isRecord(before) && isRecord(after)) {
    if (node.kind !== 'object' || node.dup.size > 0) return false;
    const keys = Object.keys(after);
    if (keys.length !== Object.keys(before).length) return false;
    for (const k of keys) {
      const child = node.keys.get(k);
      if (!(k in before) || !child || !diffToEdits(child, before[k], after[k], out)) return false;
    }
    return true;
  }
  return false;
}
