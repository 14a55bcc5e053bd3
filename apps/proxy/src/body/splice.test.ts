import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type JNode, type JString, scanJson } from './json-scan.js';
import { jsonStringBytes, splice } from './splice.js';

function strings(node: JNode, out: JString[] = []): JString[] {
  if (node.kind === 'string') out.push(node);
  else if (node.kind === 'array') for (const i of node.items) strings(i, out);
  else if (node.kind === 'object') for (const v of node.keys.values()) strings(v, out);
  return out;
}

/** Replaces string values (not keys) in a parsed model, in document order. */
function replaceInModel(value: unknown, replacements: Map<number, string>, counter = { i: 0 }): unknown {
  if (typeof value === 'string') {
    const i = counter.i++;
    return replacements.get(i) ?? value;
  }
  if (Array.isArray(value)) return value.map((v) => replaceInModel(v, replacements, counter));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, replaceInModel(v, replacements, counter)]),
    );
  }
  return value;
}

const BIG = '12345678901234567890123';

describe('splice', () => {
  it('returns the same Buffer when there are no edits', () => {
    const buf = Buffer.from('{"a":1}');
    expect(splice(buf, [])).toBe(buf);
  });

  it('rejects overlapping edits', () => {
    const buf = Buffer.from('{"a":"xyz"}');
    expect(() =>
      splice(buf, [
        { start: 5, end: 10, bytes: Buffer.from('"q"') },
        { start: 6, end: 8, bytes: Buffer.from('1') },
      ]),
    ).toThrow();
  });

  it('keeps big integers, escapes and odd whitespace outside the edits byte-identical', () => {
    const src = `{ "n" : ${BIG},\n  "s":"caf\\u00e9", "t" : "replace me", "sig":"EqQBCkgIARAB\\/+=" }`;
    const buf = Buffer.from(src);
    const lit = strings(scanJson(buf)).find((s) => buf.toString('utf8', s.start, s.end) === '"replace me"')!;
    const out = splice(buf, [{ start: lit.start, end: lit.end, bytes: jsonStringBytes('done ✓') }]).toString(
      'utf8',
    );
    expect(out).toBe(src.replace('"replace me"', '"done ✓"'));
    expect(out).toContain(BIG);
    expect(out).toContain('caf\\u00e9');
  });

  it('random JSON with random string edits parses to the intended model, bytes outside edits identical', () => {
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 4 }),
        fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 0, max: 3 }),
        fc.nat(),
        (value, texts, indent, pick) => {
          const src = Buffer.from(JSON.stringify(value, null, indent));
          const root = scanJson(src);
          // Only string values (keys excluded) are edit targets.
          const lits = strings(root);
          if (lits.length === 0) return;
          const chosen = new Map<number, string>();
          for (const [k, t] of texts.entries()) chosen.set((pick + k * 7) % lits.length, t);
          const edits = [...chosen].map(([i, t]) => ({
            start: lits[i]!.start,
            end: lits[i]!.end,
            bytes: jsonStringBytes(t),
          }));
          const out = splice(src, edits);
          expect(JSON.parse(out.toString('utf8'))).toEqual(
            JSON.parse(JSON.stringify(replaceInModel(value, chosen))),
          );
          // Bytes before the first edit are identical.
          const first = Math.min(...edits.map((e) => e.start));
          expect(out.subarray(0, first).equals(src.subarray(0, first))).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  }, 30_000);
});
