import { type AnyMessage, formatMarker, MemoryCcrStore } from '@headroom/core';
import { describe, expect, it } from 'vitest';
import { ccrRoundTrip, keptCount } from './metrics.js';
import { isValid } from './validity.js';

describe('keptCount', () => {
  it('counts verbatim occurrences only', () => {
    expect(keptCount('error at line 4', ['error at line 4', 'Error', 'line 4'])).toBe(2);
  });
});

describe('ccrRoundTrip', () => {
  it('counts a marker exact only when its original is a byte-exact piece of the input', async () => {
    const store = new MemoryCcrStore();
    const input = 'a\nb\nc\nd';
    const put = (original: string) =>
      formatMarker({
        hash: store.put({ original, kind: 'text', strategy: 'test', unit: 'lines', omitted: 2, total: 4 }),
        omitted: 2,
        total: 4,
        unit: 'lines',
      });
    expect(await ccrRoundTrip(`a ${put(input)}`, input, store)).toEqual({
      markers: 1,
      exact: 1,
      equivalent: 0,
    });
    expect(await ccrRoundTrip(`a ${put('a\nB')}`, input, store)).toEqual({
      markers: 1,
      exact: 0,
      equivalent: 0,
    });
    expect(await ccrRoundTrip(`<<ccr:${'0'.repeat(24)} 1 of 2 lines omitted>>`, input, store)).toEqual({
      markers: 1,
      exact: 0,
      equivalent: 0,
    });
  });
});

describe('ccrRoundTrip on dropped messages', () => {
  it('tells byte-exact, whitespace-only and wrong restorations apart', async () => {
    const store = new MemoryCcrStore();
    const input = [
      { role: 'user', content: 'hi' },
      { role: 'tool', tool_call_id: 'c1', content: '{"a": [1, 2]}' },
    ] as AnyMessage[];
    const marker = (message: unknown) => {
      const original = JSON.stringify({ format: 'openai-chat', messages: [{ index: 1, message }] });
      const hash = store.put({
        original,
        kind: 'messages',
        strategy: 'test',
        unit: 'messages',
        omitted: 1,
        total: 2,
      });
      return formatMarker({ hash, omitted: 1, total: 2, unit: 'messages' });
    };
    const check = (message: unknown) => ccrRoundTrip(marker(message), '', store, input);
    expect(await check(input[1])).toEqual({ markers: 1, exact: 1, equivalent: 0 });
    expect(await check({ ...input[1], content: '{"a":[1,2]}' })).toEqual({
      markers: 1,
      exact: 0,
      equivalent: 1,
    });
    expect(await check({ ...input[1], content: '{"a":[1]}' })).toEqual({
      markers: 1,
      exact: 0,
      equivalent: 0,
    });
  });
});

describe('isValid', () => {
  it('parses JSON, runs node --check and python3 -m py_compile', () => {
    expect(isValid('{"a":[1]}', 'json')).toBe(true);
    expect(isValid('{"a":[1]', 'json')).toBe(false);
    expect(isValid('export const f = (x) => x + 1;', 'javascript')).toBe(true);
    expect(isValid('export const f = (x) => {', 'javascript')).toBe(false);
    expect(isValid('def f(x):\n    return x\n', 'python')).toBe(true);
    expect(isValid('def f(x):\nreturn x\n', 'python')).toBe(false);
    expect(isValid('anything', 'none')).toBeUndefined();
  });
});
