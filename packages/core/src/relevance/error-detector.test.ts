import { describe, expect, it } from 'vitest';
import { isErrorItem, isErrorValue } from './error-detector.js';

describe('error detector', () => {
  it.each([
    [{ error: null }, false],
    [{ timeout_ms: 500 }, false],
    [{ error_rate: 0.02 }, false],
    [{ errors: [] }, false],
    [{ error: '' }, false],
    [{ status: 'validated', code: 200 }, false],
    [{ message: 'request completed' }, false],
    [{ status: 'failed' }, true],
    [{ success: false }, true],
    [{ isOk: false }, true],
    [{ exception: 'TimeoutError' }, true],
    [{ status_code: 503 }, true],
    [{ httpStatus: '404' }, true],
    [{ level: 'ERROR', msg: 'x' }, true],
    [{ severity: 'crit' }, true],
    [{ errorMessage: 'disk full' }, true],
    [{ result: { detail: 'java.lang.NullPointerException at Foo' } }, true],
    [{ log: 'upstream timed out after 30s' }, true],
    [{ job: { is_error: true } }, true],
    [{ has_failed: true }, true],
  ])('%j → %s', (item, expected) => {
    expect(isErrorItem(item)).toBe(expected);
  });

  it('matches error words as components, not substrings', () => {
    expect(isErrorValue('TimeoutError')).toBe(true);
    expect(isErrorValue('connection_refused')).toBe(true);
    expect(isErrorValue('validated')).toBe(false);
    expect(isErrorValue('terrorist movie')).toBe(false);
    expect(isErrorValue('')).toBe(false);
  });
});
