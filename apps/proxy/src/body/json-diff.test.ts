import { describe, expect, it } from 'vitest';
import { type DiffEdits, diffToEdits } from './json-diff.js';
import { scanJson } from './json-scan.js';
import { splice } from './splice.js';

type Json = Record<string, unknown[]>;

function apply(raw: string, change: (v: Json) => unknown): string | undefined {
  const buf = Buffer.from(raw);
  const before = JSON.parse(raw) as Json;
  const out: DiffEdits = { replace: [], intended: [], insert: [] };
  if (!diffToEdits(scanJson(buf), before, change(before), out)) return undefined;
  return splice(buf, [...out.replace, ...out.insert]).toString();
}

describe('diffToEdits', () => {
  it('replaces changed strings and appends items, leaving every other byte as sent', () => {
    const raw = '{"n": 12345678901234567890123, "s": "caf\\u00e9", "a": [ {"t":"x"} ], "e": []}';
    const got = apply(raw, (v) => ({ ...v, s: 'tea', a: [...(v.a ?? []), { t: 'y' }], e: ['z'] }));
    expect(got).toBe('{"n": 12345678901234567890123, "s": "tea", "a": [ {"t":"x"} ,{"t":"y"}], "e": ["z"]}');
  });

  it('refuses what splice edits cannot express: new keys, removed items, changed numbers', () => {
    const raw = '{"a":[1,2],"b":"x"}';
    expect(apply(raw, (v) => ({ ...v, c: 1 }))).toBeUndefined();
    expect(apply(raw, (v) => ({ ...v, a: [1] }))).toBeUndefined();
    expect(apply(raw, (v) => ({ ...v, a: [1, 3] }))).toBeUndefined();
    expect(apply(raw, (v) => v)).toBe(raw);
  });
});
