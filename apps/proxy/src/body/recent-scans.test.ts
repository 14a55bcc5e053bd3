import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type JNode, type JObject, scanJson } from './json-scan.js';
import { commonPrefix, RecentScans } from './recent-scans.js';
import { readShape } from './request-shape.js';

/** A node tree as plain data: what a resumed scan must reproduce exactly. */
function plain(node: JNode): unknown {
  if (node.kind === 'object')
    return {
      ...node,
      keys: [...node.keys].map(([k, v]) => [k, plain(v)]),
      dup: [...node.dup],
    };
  if (node.kind === 'array') return { ...node, items: node.items.map(plain) };
  return { ...node };
}

const message = fc.record({
  role: fc.constantFrom('user', 'assistant'),
  content: fc.oneof(
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.array(fc.record({ type: fc.constant('text'), text: fc.string({ maxLength: 30 }) }), { maxLength: 3 }),
  ),
});

const body = (messages: unknown[], extra: Record<string, unknown>) =>
  Buffer.from(JSON.stringify({ model: 'm', messages, ...extra }));

describe('scanJson resuming a previous scan', () => {
  it('gives the same tree as a full scan for a body extending, editing or cutting the history', () => {
    fc.assert(
      fc.property(
        fc.array(message, { minLength: 1, maxLength: 8 }),
        fc.array(message, { maxLength: 3 }),
        fc.nat(12),
        fc.record({ stream: fc.boolean(), tools: fc.array(fc.string({ maxLength: 10 }), { maxLength: 2 }) }),
        (history, next, cut, extra) => {
          const before = body(history, extra);
          const after = body([...history.slice(0, Math.min(cut, history.length)), ...next], extra);
          const resume = {
            root: scanJson(before) as JObject,
            listKey: 'messages',
            common: commonPrefix(before, after),
          };
          expect(plain(scanJson(after, resume))).toEqual(plain(scanJson(after)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reuses the nodes of shared messages and scans the rest', () => {
    const history = [
      { role: 'user', content: 'a'.repeat(100) },
      { role: 'assistant', content: 'b' },
    ];
    const before = body(history, {});
    const after = body([...history, { role: 'user', content: 'next' }], {});
    const prev = scanJson(before) as JObject;
    const root = scanJson(after, { root: prev, listKey: 'messages', common: commonPrefix(before, after) });
    const items = (n: JNode) =>
      n.kind === 'object' && n.keys.get('messages')?.kind === 'array' ? n.keys.get('messages') : undefined;
    const [was, now] = [items(prev), items(root)];
    if (was?.kind !== 'array' || now?.kind !== 'array') throw new Error('no messages');
    expect(now.items[0]).toBe(was.items[0]);
    expect(now.items[1]).toBe(was.items[1]);
    expect(now.items).toHaveLength(3);
  });

  it('rescans a message whose last byte is the first to differ', () => {
    const before = Buffer.from('{"model":"m","messages":[{"role":"user","content":"ab"},{"role":"user"}]}');
    const after = Buffer.from(
      '{"model":"m","messages":[{"role":"user","content":"ab","x":1},{"role":"user"}]}',
    );
    const resume = {
      root: scanJson(before) as JObject,
      listKey: 'messages',
      common: commonPrefix(before, after),
    };
    expect(plain(scanJson(after, resume))).toEqual(plain(scanJson(after)));
  });

  it('still rejects invalid bytes after the shared prefix', () => {
    const before = body([{ role: 'user', content: 'x' }], {});
    const after = Buffer.from(`${before.toString().slice(0, -2)},{"role":}]}`);
    const resume = {
      root: scanJson(before) as JObject,
      listKey: 'messages',
      common: commonPrefix(before, after),
    };
    expect(() => scanJson(after, resume)).toThrow();
  });
});

describe('commonPrefix', () => {
  it('finds the first differing byte across block sizes', () => {
    const a = Buffer.alloc(200_000, 7);
    for (const at of [0, 1, 15, 16, 17, 4095, 4096, 65_535, 65_536, 131_073, 199_999]) {
      const b = Buffer.from(a);
      b[at] = 8;
      expect(commonPrefix(a, b)).toBe(at);
    }
    expect(commonPrefix(a, a.subarray(0, 70_001))).toBe(70_001);
  });
});

describe('RecentScans', () => {
  const turn = (n: number) =>
    body(
      Array.from({ length: n }, (_, i) => ({
        role: i % 2 ? 'assistant' : 'user',
        content: `turn ${i} `.repeat(200),
      })),
      {},
    );

  it('resumes each turn from the previous one and keeps one body per conversation', () => {
    const recent = new RecentScans();
    readShape(turn(2), 'messages', recent);
    const three = turn(3);
    const resume = recent.resumeFor(three, 'messages');
    expect(resume?.common).toBeGreaterThan(turn(2).length - 10);
    readShape(three, 'messages', recent);
    expect(recent.bytes).toBe(three.length);
  });

  it('leaves bodies under 2 KiB alone', () => {
    const recent = new RecentScans();
    const small = body([{ role: 'user', content: 'hi' }], {});
    readShape(small, 'messages', recent);
    expect(recent.bytes).toBe(0);
  });

  it('keys by endpoint, so a chat body never resumes a Responses scan', () => {
    const recent = new RecentScans();
    readShape(turn(2), 'messages', recent);
    expect(recent.resumeFor(turn(3), 'input')).toBeUndefined();
  });

  it('holds at most its byte budget, oldest conversations evicted first', () => {
    const recent = new RecentScans(64 * 1024);
    for (let i = 0; i < 40; i++) {
      const b = Buffer.from(
        JSON.stringify({ model: `m${i}`, messages: [{ role: 'user', content: 'x'.repeat(5000) }] }),
      );
      readShape(b, 'messages', recent);
      expect(recent.bytes).toBeLessThanOrEqual(64 * 1024);
    }
    const first = Buffer.from(
      JSON.stringify({ model: 'm0', messages: [{ role: 'user', content: 'x'.repeat(5000) }] }),
    );
    expect(recent.resumeFor(first, 'messages')).toBeUndefined();
    const last = Buffer.from(
      JSON.stringify({ model: 'm39', messages: [{ role: 'user', content: 'x'.repeat(5000) }] }),
    );
    expect(recent.resumeFor(last, 'messages')?.common).toBe(last.length);
  });
});
