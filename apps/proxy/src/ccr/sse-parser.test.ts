import { describe, expect, it } from 'vitest';
import { SseSplitter } from './sse-parser.js';

describe('SseSplitter', () => {
  it('splits LF and CRLF events at any chunking, UTF-8 split across chunks included', () => {
    const wire = Buffer.from(
      'data: {"a":"é✓"}\n\nevent: x\r\ndata: {"b":2}\r\n\r\n: keep-alive\n\ndata: [DONE]\n\ndata: {"c"',
    );
    const whole = new SseSplitter().push(wire);
    for (const step of [1, 2, 3, 7, wire.length]) {
      const s = new SseSplitter();
      const events = [];
      for (let i = 0; i < wire.length; i += step) events.push(...s.push(wire.subarray(i, i + step)));
      expect(events.map((e) => e.raw.toString())).toEqual(whole.map((e) => e.raw.toString()));
      expect(s.rest().toString()).toBe('data: {"c"');
    }
    // Byte by byte, each event comes out with its last byte, not later.
    const s = new SseSplitter();
    const at: number[] = [];
    for (let i = 0; i < wire.length; i++) {
      const n = s.push(wire.subarray(i, i + 1)).length;
      for (let k = 0; k < n; k++) at.push(i + 1);
    }
    let end = 0;
    expect(at).toEqual(whole.map((e) => (end += e.raw.length)));
    expect(whole.map((e) => [e.event, e.data])).toEqual([
      [undefined, { a: 'é✓' }],
      ['x', { b: 2 }],
      [undefined, undefined],
      [undefined, undefined],
    ]);
  });
});
