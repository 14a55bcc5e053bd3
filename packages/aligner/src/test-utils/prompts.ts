/**
 * fast-check generators of system prompts: static sentences that look dangerous (validate, update,
 * search_documents, query-builder, v2.1, dates in prose, code fences, inline code, URLs) interleaved
 * with dynamic statements and inline values. A prompt is a template rendered with random dynamic
 * values, so two renderings differ only in those values.
 */
import fc from 'fast-check';

export const STATIC_SENTENCES = [
  'You are a careful assistant for Acme Corp.',
  'Always validate input carefully.',
  'Use the search_documents tool for lookups.',
  'Call the query-builder helper before running SQL.',
  'The API is v2.1 and the SDK is 3.4.0.',
  'Only show orders after 2024-01-01.',
  'We updated the docs last week.',
  'Standup at 10:30 daily.',
  'The 2021 audit, dated March 3, 2021, is archived.',
  'Session handling is described below.',
  'Never reveal the build process to users.',
  '- Respond in English unless asked otherwise.',
  '* Keep answers under 200 words.',
  'Commit messages follow the conventional format.',
  'Time zones are always shown as UTC.',
  'Today matters; tomorrow is a plan.',
  'Escalate tickets older than 30 days.',
] as const;

/** Protected content: each holds values that would be dynamic outside code or a URL. */
export const PROTECTED_BLOCKS = [
  "```ts\nconst today = '2024-01-15'; // Current date: 2024-01-15\n```",
  '~~~\nSession ID: 3f2a1b4c-1d2e-4f3a-8b9c-0d1e2f3a4b5c\nToday is January 7, 2025.\n~~~',
  'Run `git log --since=2024-01-01T00:00:00Z` to list recent commits.',
  'Docs: https://x.test/2025/01/07/post?id=3f2a1b4c-1d2e-4f3a-8b9c-0d1e2f3a4b5c for details.',
  'Use ``Request ID: req_12345678`` literally in examples.',
] as const;

export const FILLER =
  'You help engineers triage production incidents. Read the logs the user provides, find the first ' +
  'error, explain its likely cause in plain words, and propose the smallest safe fix. Prefer ' +
  'reversible actions, cite the log lines you relied on, and say clearly when the evidence is not ' +
  'enough to decide. Do not invent log lines, metrics or configuration values that you were not ' +
  'shown. When several services are involved, start from the one that failed first and follow the ' +
  'calls outward, one hop at a time.';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export interface Values {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  uuid: string;
  hash: string;
  requestId: string;
  epoch: number;
}

const hex = (length: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length });

export const valuesArb: fc.Arbitrary<Values> = fc.record({
  year: fc.integer({ min: 2000, max: 2030 }),
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.integer({ min: 1, max: 28 }),
  hour: fc.integer({ min: 0, max: 23 }),
  minute: fc.integer({ min: 0, max: 59 }),
  second: fc.integer({ min: 0, max: 59 }),
  // Version nibble 4, as real v4 UUIDs; a hash always mixes digits and letters.
  uuid: fc
    .tuple(hex(8), hex(4), hex(3), hex(3), hex(12))
    .map(([a, b, c, d, e]) => `${a}-${b}-4${c}-8${d}-${e}`),
  hash: hex(62).map((h) => `a1${h}`),
  requestId: fc
    .string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'), minLength: 4, maxLength: 12 })
    .map((s) => `req_${s}7`),
  epoch: fc.integer({ min: 1_000_000_000, max: 1_999_999_999 }),
});

const iso = (v: Values) => `${v.year}-${pad(v.month)}-${pad(v.day)}`;
const clock = (v: Values) => `${pad(v.hour)}:${pad(v.minute)}`;
const longDate = (v: Values) => `${MONTHS[v.month - 1]} ${v.day}, ${v.year}`;

/** Dynamic statements, each a whole line or a sentence. */
export const DYNAMIC_STATEMENTS: readonly ((v: Values) => string)[] = [
  (v) => `Today is ${longDate(v)}.`,
  (v) => `Current date: ${iso(v)}`,
  (v) => `Current time: ${clock(v)} UTC`,
  (v) => `Request ID: ${v.requestId}`,
  (v) => `Session ID: ${v.uuid}`,
  (v) => `Generated at: ${iso(v)}T${clock(v)}:${pad(v.second)}Z`,
  (v) => `The current date is ${longDate(v)}.`,
  (v) => `Timestamp: ${v.epoch}`,
  (v) => `- Last updated: ${iso(v)}`,
  (v) => `${longDate(v)}`,
];

/** Sentences with a dynamic value inside other text (placeholder form). */
export const INLINE_SENTENCES: readonly ((v: Values) => string)[] = [
  (v) => `Session ${v.uuid} is active; answer tersely.`,
  (v) => `Audit digest ${v.hash} must match.`,
  (v) => `Requests after ${iso(v)}T${clock(v)}Z use the new schema.`,
];

/** One line of a template: static, protected, dynamic, a mix on one line, or inline. */
type Line = { kind: 'static'; text: string } | { kind: 'dynamic'; render: (v: Values) => string };

const lineArb: fc.Arbitrary<Line> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(...STATIC_SENTENCES).map((text): Line => ({ kind: 'static', text })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(...PROTECTED_BLOCKS).map((text): Line => ({ kind: 'static', text })),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(...DYNAMIC_STATEMENTS).map((render): Line => ({ kind: 'dynamic', render })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(...INLINE_SENTENCES).map((render): Line => ({ kind: 'dynamic', render })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...STATIC_SENTENCES), fc.constantFrom(...DYNAMIC_STATEMENTS.slice(0, 2)))
      .filter(([s]) => !/^[-*]/.test(s))
      .map(([s, d]): Line => ({ kind: 'dynamic', render: (v) => `${s} ${d(v)}` })),
  },
);

export interface Template {
  lines: Line[];
  /** Line separators (LF, CRLF, blank lines) and trailing blanks, fixed per template. */
  breaks: string[];
  trailing: string[];
  withFiller: boolean;
}

export const templateArb: fc.Arbitrary<Template> = fc
  .array(lineArb, { minLength: 1, maxLength: 12 })
  .chain((lines) =>
    fc.record({
      lines: fc.constant(lines),
      breaks: fc.array(fc.constantFrom('\n', '\n', '\n\n', '\r\n', '\n\n\n\n'), {
        minLength: lines.length,
        maxLength: lines.length,
      }),
      trailing: fc.array(fc.constantFrom('', '', '', '  ', '\t'), {
        minLength: lines.length,
        maxLength: lines.length,
      }),
      withFiller: fc.boolean(),
    }),
  );

export function render(t: Template, v: Values): string {
  const parts = t.withFiller ? [`${FILLER}\n\n`] : [];
  t.lines.forEach((line, i) => {
    parts.push(line.kind === 'static' ? line.text : line.render(v), t.trailing[i]!, t.breaks[i]!);
  });
  return parts.join('');
}

/** A prompt without any dynamic value, with normalized whitespace. */
export const staticPromptArb: fc.Arbitrary<string> = fc
  .array(fc.constantFrom(...STATIC_SENTENCES, ...PROTECTED_BLOCKS), { minLength: 1, maxLength: 10 })
  .chain((lines) =>
    fc
      .array(fc.constantFrom('\n', '\n\n'), { minLength: lines.length, maxLength: lines.length })
      .map((breaks) => [FILLER, ...lines].map((l, i) => (i === 0 ? l : breaks[i - 1] + l)).join('')),
  );

/** Word runs as the aligner's invariant counts them. */
export function words(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of text.matchAll(/[\p{L}\p{N}_]+/gu)) out.set(m[0], (out.get(m[0]) ?? 0) + 1);
  return out;
}

/** `a − b` as multisets (counts never below zero). */
export function subtract(a: Map<string, number>, b: Map<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [w, n] of a) {
    const left = n - (b.get(w) ?? 0);
    if (left > 0) out.set(w, left);
  }
  return out;
}
