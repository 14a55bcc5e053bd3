import { describe, expect, it } from 'vitest';
import {
  identifierCategory,
  isRealDate,
  matchClock,
  matchDate,
  matchIdentifier,
  matchTemporal,
} from './grammars.js';

const whole = (text: string) => matchTemporal(text, 0, { epoch: true });

describe('calendar dates', () => {
  it.each([
    '2025-01-07',
    'January 7, 2025',
    'Jan 7 2025',
    'Sept. 30, 2024',
    'Tuesday, January 7th, 2025',
    '7 January 2025',
    '7th of January, 2025',
    'Tue, 07 Jan 2025',
    'Tue Jan 07 2025',
    '1/7/2025',
    '31/12/2024',
    '07.01.2025',
    'February 29, 2024',
  ])('reads %s as a whole date', (text) => {
    expect(matchDate(text, 0)).toBe(text.length);
  });

  it.each([
    '2025-02-30',
    'February 29, 2025',
    'April 31, 2024',
    '13/13/2024',
    '0/5/2024',
    '2025-13-01',
    'January 0, 2025',
  ])('rejects the impossible date %s', (text) => {
    expect(matchDate(text, 0)).toBe(-1);
  });

  it('checks leap years', () => {
    expect(isRealDate(2000, 2, 29)).toBe(true);
    expect(isRealDate(1900, 2, 29)).toBe(false);
    expect(isRealDate(2024, 2, 29)).toBe(true);
  });

  it('needs a word boundary after the year', () => {
    expect(matchDate('2025-01-07x', 0)).toBe(-1);
    expect(matchDate('January 7, 20251', 0)).toBe(-1);
  });
});

describe('clock times and datetimes', () => {
  it.each([
    '10:30',
    '9:05 AM',
    '10:30:05 PM',
    '23:59 UTC',
    '10:30 PST',
    '10:30 PT',
    '10:30 CEST',
    '10:30+02:00',
    '10:30 a.m.',
  ])('reads the time %s', (text) => {
    expect(matchClock(text, 0)).toBe(text.length);
  });

  it('rejects hours that do not exist', () => {
    expect(matchClock('24:00', 0)).toBe(-1);
    expect(matchClock('13:00 PM', 0)).toBe(-1);
    expect(matchClock('10:60', 0)).toBe(-1);
  });

  it('never takes a lowercase word for a time zone', () => {
    expect(matchClock('10:30 next', 0)).toBe(5);
  });

  it.each([
    ['2025-01-07T10:32:05Z', 'datetime'],
    ['2025-01-07 10:32:05.123456', 'datetime'],
    ['2025-01-07T10:32:05+00:00', 'datetime'],
    ['Tue Jan 07 2025 10:32:05 GMT+0000 (Coordinated Universal Time)', 'datetime'],
    ['Tue, 07 Jan 2025 10:32:05 GMT', 'datetime'],
    ['1/7/2025, 10:32:05 AM', 'datetime'],
    ['January 7, 2025 at 10:32 AM', 'datetime'],
    ['10:32 AM on January 7, 2025', 'datetime'],
    ['10:32 UTC', 'time'],
    ['1736245925', 'epoch'],
    ['1736245925123', 'epoch'],
  ])('reads %s whole as a %s', (text, category) => {
    expect(whole(text)).toEqual({ end: text.length, category });
  });

  it('reads epochs only where the caller allows them (after a label)', () => {
    expect(matchTemporal('1736245925', 0, { epoch: false })).toBeUndefined();
    expect(whole('12345')).toBeUndefined();
  });
});

describe('identifiers', () => {
  it('requires a digit and six characters', () => {
    expect(matchIdentifier('search_documents', 0)).toBeUndefined();
    expect(matchIdentifier('query-builder', 0)).toBeUndefined();
    expect(matchIdentifier('default', 0)).toBeUndefined();
    expect(matchIdentifier('ab12', 0)).toBeUndefined();
    expect(matchIdentifier('acme-42', 0)).toEqual({ end: 7, category: 'labelled-id' });
  });

  it('leaves sentence punctuation out of the value', () => {
    expect(matchIdentifier('req_8f3k21.', 0)).toEqual({ end: 10, category: 'labelled-id' });
    expect(matchIdentifier('req_8f3k21: next', 0)).toEqual({ end: 10, category: 'labelled-id' });
  });

  it('classifies UUIDs, JWTs and hashes', () => {
    expect(identifierCategory('3f2a1b4c-1d2e-4f3a-8b9c-0d1e2f3a4b5c')).toBe('uuid');
    expect(identifierCategory('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl')).toBe('jwt');
    expect(identifierCategory('a1b2c3d4e5f60718293a4b5c6d7e8f90')).toBe('hash');
    expect(identifierCategory('12345678901234567890123456789012')).toBe('labelled-id');
  });
});
