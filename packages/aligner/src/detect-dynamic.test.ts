import { describe, expect, it } from 'vitest';
import { detectDynamic } from './detect-dynamic.js';
import { FILLER } from './test-utils/prompts.js';

const spans = (text: string, config?: Parameters<typeof detectDynamic>[1]) =>
  detectDynamic(text, config).map((s) => [s.text, s.category, s.form]);

const UUID = '3f2a1b4c-1d2e-4f3a-8b9c-0d1e2f3a4b5c';

describe('false positives that broke the Python reference', () => {
  const sentences = [
    'Always validate input carefully.',
    'Use the search_documents tool',
    'the query-builder helper',
    'only show orders after 2024-01-01',
    'Standup at 10:30 daily.',
    'We updated the docs',
    'The date format is ISO 8601.',
    'Session timeout is 30 minutes.',
    'Time zones are shown as UTC+2.',
    'Today 3 users signed up.',
    'Commit messages follow v2.1 of the guide.',
  ];

  it.each(sentences)('finds nothing in "%s"', (sentence) => {
    expect(detectDynamic(sentence)).toEqual([]);
  });

  it.each(sentences)('finds nothing in "%s" inside a 300-token prompt', (sentence) => {
    expect(detectDynamic(`${FILLER}\n\n${sentence}\n\n${FILLER}`)).toEqual([]);
  });
});

describe('statements', () => {
  it.each([
    ['Today is January 7, 2025.', 'date'],
    ["Today's date is 2025-01-07.", 'date'],
    ['The current date is Tuesday, January 7, 2025.', 'date'],
    ['The current time is 10:30 AM.', 'time'],
    ['It is now 2025-01-07T10:32:05Z.', 'datetime'],
    ['Current date: 2024-01-15', 'date'],
    ['Current time: 10:30 UTC', 'time'],
    ['Generated at: 2025-01-07T10:32:05Z', 'datetime'],
    ['Last updated: 2025-01-07', 'date'],
    ['Timestamp: 1736245925', 'epoch'],
    ['Date = 7 Jan 2025', 'date'],
    ['**Current date:** January 7th, 2025', 'date'],
    ['Current date and time: Tue Jan 07 2025 10:32:05 GMT+0000 (Coordinated Universal Time)', 'datetime'],
    ['Request ID: req_8f3k21', 'labelled-id'],
    [`Session ID: ${UUID}`, 'uuid'],
    ['Trace-ID: 4bf92f3577b34da6a3ce929d0e0e4736', 'hash'],
    ['January 7, 2025', 'date'],
  ])('moves the whole line "%s" (%s)', (line, category) => {
    expect(spans(`${FILLER}\n${line}\n${FILLER}`)).toEqual([[line, category, 'statement']]);
  });

  it('moves a statement sentence out of a line of other sentences', () => {
    expect(spans('Be brief. Today is January 7, 2025. Answer in English.')).toEqual([
      ['Today is January 7, 2025.', 'date', 'statement'],
    ]);
  });

  it('keeps the bullet out of the moved statement', () => {
    expect(spans('- Current date: 2025-01-07')).toEqual([['Current date: 2025-01-07', 'date', 'statement']]);
  });

  it('moves clock times only as statements', () => {
    expect(spans('Current time: 10:30 UTC, be quick about it.')).toEqual([]);
    expect(spans('Meet at 10:30 UTC.')).toEqual([]);
  });

  it('never reads a label inside a word or mid-sentence', () => {
    expect(spans('Invalidate: 2025-01-07')).toEqual([]);
    expect(spans('Outdated: 2025-01-07')).toEqual([]);
    expect(spans('Nowadays: 2025-01-07')).toEqual([]);
    expect(spans('Please use request id req_8f3k21 in reports.')).toEqual([]);
  });
});

describe('inline values', () => {
  it('replaces UUIDs, hashes, JWTs and ISO datetimes inside prose with placeholders', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';
    const found = detectDynamic(
      `Session ${UUID} is active; answer tersely. Digest a1b2c3d4e5f60718293a4b5c6d7e8f90 and token ${jwt} too. Since 2025-01-07T10:32Z only.`,
    );
    expect(found.map((s) => [s.text, s.category, s.placeholder])).toEqual([
      [UUID, 'uuid', '[dynamic-1]'],
      ['a1b2c3d4e5f60718293a4b5c6d7e8f90', 'hash', '[dynamic-2]'],
      [jwt, 'jwt', '[dynamic-3]'],
      ['2025-01-07T10:32Z', 'datetime', '[dynamic-4]'],
    ]);
  });

  it('replaces a labelled ID value inside a sentence', () => {
    expect(spans('Request ID: req_8f3k21 — include it in bug reports.')).toEqual([
      ['req_8f3k21', 'labelled-id', 'inline'],
    ]);
  });

  it('leaves plain dates and long numbers in prose alone', () => {
    expect(
      spans('Orders after 2024-01-01 and invoice 12345678901234567890123456789012 are archived.'),
    ).toEqual([]);
  });

  it('needs word boundaries around hex values', () => {
    expect(spans(`x${UUID} and a1b2c3d4e5f60718293a4b5c6d7e8f90ff`)).toEqual([]);
  });
});

describe('protected regions', () => {
  it('never looks inside code fences, inline code or URLs', () => {
    const text = [
      '```',
      'Current date: 2025-01-07',
      '```',
      'Run `Session ID: 3f2a1b4c-1d2e-4f3a-8b9c-0d1e2f3a4b5c` as is.',
      'See https://x.test/2025/01/07/post?id=3f2a1b4c-1d2e-4f3a-8b9c-0d1e2f3a4b5c',
    ].join('\n');
    expect(detectDynamic(text)).toEqual([]);
  });

  it('skips the aligner tail already in a text', () => {
    const text =
      'Be brief.\n\n---\n[Dynamic Context]\nToday is January 7, 2025.\n[dynamic-1] 3f2a1b4c-1d2e-4f3a-8b9c-0d1e2f3a4b5c';
    expect(detectDynamic(text)).toEqual([]);
  });

  it('continues the placeholder numbers of a tail already there', () => {
    const text = `Session ${UUID} is active.\n\n---\n[Dynamic Context]\n[dynamic-4] abc`;
    expect(detectDynamic(text)[0]?.placeholder).toBe('[dynamic-5]');
  });
});

describe('configuration', () => {
  const text = [
    'Today is January 7, 2025.',
    'Current time: 10:30 UTC',
    'Request ID: req_8f3k21',
    `Session ${UUID} is active.`,
  ].join('\n');

  it('filters by category and form', () => {
    expect(detectDynamic(text, { extractDates: false }).map((s) => s.category)).toEqual([
      'time',
      'labelled-id',
      'uuid',
    ]);
    expect(detectDynamic(text, { extractTimes: false }).map((s) => s.category)).toEqual([
      'date',
      'labelled-id',
      'uuid',
    ]);
    expect(detectDynamic(text, { extractIdentifiers: false }).map((s) => s.category)).toEqual([
      'date',
      'time',
    ]);
    expect(detectDynamic(text, { extractInline: false }).map((s) => s.form)).toEqual([
      'statement',
      'statement',
      'statement',
    ]);
  });

  it('accepts extra labels as whole words', () => {
    expect(spans('Tenant: acme-42', { extraLabels: ['tenant'] })).toEqual([
      ['Tenant: acme-42', 'labelled-id', 'statement'],
    ]);
    expect(spans('Tenant: acme-42')).toEqual([]);
    expect(spans('Subtenant: acme-42', { extraLabels: ['tenant'] })).toEqual([]);
  });

  it('applies custom patterns after the built-in grammars', () => {
    const config = { customPatterns: [{ name: 'ticket', pattern: 'TCK-\\d{4}' }] };
    expect(spans('Ticket TCK-1234 is open; be polite.\nTCK-5678', config)).toEqual([
      ['TCK-1234', 'custom', 'inline'],
      ['TCK-5678', 'custom', 'statement'],
    ]);
  });
});
