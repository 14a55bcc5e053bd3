import { describe, expect, it } from 'vitest';
import { ForceWords, wordCore } from './force-words.js';

describe('ForceWords', () => {
  it('matches configured tokens case-sensitively, whole or without edge punctuation', () => {
    const f = new ForceWords(['Ship', '\n'], undefined, 10);
    expect(f.matches('Ship')).toBe(true);
    expect(f.matches('"Ship,"')).toBe(true);
    expect(f.matches('ship')).toBe(false);
  });

  it('adds up to `limit` query words of four or more letters, case-insensitively, without stop words', () => {
    const f = new ForceWords([], 'Where is the Database outage for region eu-west?', 2);
    expect(f.matches('database')).toBe(true);
    expect(f.matches('OUTAGE.')).toBe(true);
    // Beyond the limit, short, and stop words are not forced.
    expect(f.matches('region')).toBe(false);
    expect(f.matches('the')).toBe(false);
    expect(f.matches('where')).toBe(false);
  });

  it('strips only edge punctuation', () => {
    expect(wordCore('(hello-world!)')).toBe('hello-world');
  });
});
