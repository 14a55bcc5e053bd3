import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LabelMatcher } from './labels.js';

const textArb = fc
  .array(
    fc.constantFrom(
      'Today',
      'TODAY',
      'today',
      "today's",
      'today’s',
      'The',
      'the',
      'It',
      "it's",
      'Its',
      'Session',
      'Sessions',
      'Date',
      'Daté',
      '\u212Aey',
      'now',
      'Now2',
      'ticket',
      '**',
      '__',
      '*',
      '_',
      ' ',
      '\t',
      '.',
      '!',
      '?',
      '"',
      '’',
      ')',
      "'",
      "'s",
      's',
      '\n',
      '\r',
      'x',
      '1',
    ),
    { maxLength: 14 },
  )
  .map((p) => p.join(''));

// The definitions the fast paths must agree with.
const FIRST_WORD = /(?:\*\*|__)?([\p{L}\p{N}]+(?:['’]s)?)/uy;
const SENTENCE_BREAK = /[.!?]["'’”)\]]*[ \t]+(?=\S)/g;

describe('LabelMatcher.mayStartAt', () => {
  const labels = new LabelMatcher(['ticket', 'Ünicode id']);
  const words = new Set([
    'the',
    'it',
    "it's",
    'it’s',
    'today',
    "today's",
    'today’s',
    'session',
    'date',
    'now',
  ]);
  words.add('ticket').add('ünicode');

  it('agrees with the first-word regex at every position', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        for (let pos = 0; pos < text.length; pos++) {
          FIRST_WORD.lastIndex = pos;
          const m = FIRST_WORD.exec(text);
          const first = m !== null && words.has(m[1]!.toLowerCase());
          // mayStartAt may only say yes where a label's first word starts (a cheaper first test).
          if (labels.mayStartAt(text, pos)) expect(first).toBe(true);
          else if (first) expect.unreachable(`missed ${JSON.stringify(text)} at ${pos}`);
        }
      }),
      { numRuns: 1500 },
    );
  });
});

describe('LabelMatcher.nextSentence', () => {
  const labels = new LabelMatcher();

  it('finds the sentence starts of a line that may hold a label, and no others', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const end = text.search(/[\n\r]/) < 0 ? text.length : text.search(/[\n\r]/);
        const line = text.slice(0, end);
        const expected: number[] = [];
        for (const m of line.matchAll(SENTENCE_BREAK)) {
          const s = m.index + m[0].length;
          if (labels.mayStartAt(text, s)) expected.push(s);
        }
        const found: number[] = [];
        for (let s = labels.nextSentence(text, 0); s >= 0; s = labels.nextSentence(text, s)) {
          if (labels.mayStartAt(text, s)) found.push(s);
        }
        expect(found).toEqual(expected);
      }),
      { numRuns: 1500 },
    );
  });
});
