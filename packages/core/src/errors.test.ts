import { describe, expect, it } from 'vitest';
import { errorCode, failOpen, HeadroomError, isHeadroomError } from './errors.js';

describe('errors', () => {
  it('carries a code and a cause', () => {
    const cause = new Error('inner');
    const e = new HeadroomError('TIMEOUT', 'too slow', { cause });
    expect(e).toBeInstanceOf(Error);
    expect(e).toMatchObject({ name: 'HeadroomError', code: 'TIMEOUT', message: 'too slow', cause });
    expect(isHeadroomError(e, 'TIMEOUT')).toBe(true);
    expect(isHeadroomError(e, 'ABORTED')).toBe(false);
    expect(errorCode(new TypeError('x'))).toBe('INTERNAL');
  });

  it('failOpen falls back on throws and rejections and reports them', async () => {
    const seen: unknown[] = [];
    expect(
      failOpen(
        () => JSON.parse('{'),
        'fallback',
        (e) => seen.push(e),
      ),
    ).toBe('fallback');
    expect(
      await failOpen(
        async () => Promise.reject(new Error('x')),
        'fb',
        (e) => seen.push(e),
      ),
    ).toBe('fb');
    expect(failOpen(() => 'ok', 'fallback')).toBe('ok');
    expect(seen).toHaveLength(2);
  });
});
