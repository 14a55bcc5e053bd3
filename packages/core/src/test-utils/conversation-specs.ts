/**
 * The format-free plan of a generated conversation: turns of plain text or tool calls, and the
 * values they are made of. Two palettes: `plain` (arbitrary printable strings and JSON, to stress
 * parsing and editing) and `rich` (words and record lists sized so token budgets cut through them,
 * with images, compaction, redacted thinking, preambles, agent loops, error and parts results).
 */
import fc from 'fast-check';
import type { WireFormat } from '../messages/types.js';

export interface CallSpec {
  id: string;
  name: string;
  args: string;
  result: string;
  isError: boolean;
  asParts: boolean;
  dropCall: boolean;
  dropResult: boolean;
}

export type TurnSpec =
  | {
      kind: 'text';
      user: string;
      /** Anthropic only: the user text as a block array rather than a string. */
      userBlocks: boolean;
      image: boolean;
      assistant: string;
      thinking: string;
      compaction: boolean;
    }
  | {
      kind: 'tool';
      /** null: the agent goes on without a user turn. */
      user: string | null;
      thinking: string;
      redacted: boolean;
      preamble: string;
      calls: CallSpec[];
      mixedText: string;
    };

export interface SpecOptions {
  rich: boolean;
  broken: boolean;
}

const printable = fc
  .string({ minLength: 1, maxLength: 40 })
  .map((s) => (s.trim().length === 0 ? `t${s.length}x` : s));
const words = fc.lorem({ maxCount: 40 }).map((s) => (s.trim() ? s : 'ok'));
const shortWords = fc.lorem({ maxCount: 6 }).map((s) => (s.trim() ? s : 'hi'));
const code = fc.integer({ min: 100, max: 999 }).map((n) => `REF${n}X`);

/** Tool output as agents see it: a JSON record list (sometimes wrapped), or prose with a reference. */
const recordsResult = fc
  .record({
    rows: fc.array(
      fc.record({ id: code, status: fc.constantFrom('ok', 'pending', 'failed'), note: shortWords }),
      { maxLength: 6 },
    ),
  })
  .map((o) => JSON.stringify(o.rows.length % 2 === 0 ? o : o.rows));
const proseResult = fc.oneof(
  words,
  fc.tuple(words, code).map(([w, c]) => `${w} ${c}`),
);

interface Palette {
  text: fc.Arbitrary<string>;
  short: fc.Arbitrary<string>;
  argValue: fc.Arbitrary<string>;
  result: fc.Arbitrary<string>;
}

const PLAIN: Palette = {
  text: printable,
  short: printable,
  argValue: fc.string({ maxLength: 10 }),
  result: fc.json({ maxDepth: 2 }),
};

const RICH: Palette = {
  text: words,
  short: shortWords,
  argValue: fc.oneof(shortWords, code),
  result: fc.oneof(recordsResult, proseResult),
};

export const paletteOf = (rich: boolean): Palette => (rich ? RICH : PLAIN);

const no = fc.constant(false);
const empty = fc.constant('');

function callArb(p: Palette, broken: boolean): fc.Arbitrary<CallSpec> {
  return fc.record({
    id: empty,
    name: fc.constantFrom('search', 'get_user', 'read_file', 'grep'),
    args: fc
      .dictionary(fc.constantFrom('q', 'id', 'path'), p.argValue, { maxKeys: 2 })
      .map((o) => JSON.stringify(o)),
    result: p.result,
    isError: fc.boolean(),
    asParts: fc.boolean(),
    dropCall: broken ? fc.boolean() : no,
    dropResult: broken ? fc.boolean() : no,
  });
}

export function turnArb(format: WireFormat, { rich, broken }: SpecOptions): fc.Arbitrary<TurnSpec> {
  const p = paletteOf(rich);
  // Plain Chat keeps `content: null` beside its calls; plain Responses always has the message
  // after its reasoning item, so that removed calls or results are the only violations.
  const plainPreamble = format === 'openai-responses' ? p.short : empty;
  return fc.oneof(
    fc.record({
      kind: fc.constant('text' as const),
      user: p.text,
      userBlocks: rich ? fc.boolean() : fc.constant(true),
      image: rich ? fc.boolean() : no,
      assistant: p.text,
      thinking: rich ? fc.oneof(empty, p.short) : empty,
      compaction: rich ? fc.boolean() : no,
    }),
    fc.record({
      kind: fc.constant('tool' as const),
      user: rich ? fc.option(p.text, { nil: null }) : p.text,
      thinking: p.short,
      redacted: rich ? fc.boolean() : no,
      preamble: rich ? fc.oneof(empty, p.short) : plainPreamble,
      calls: fc.array(callArb(p, broken), { minLength: 1, maxLength: 3 }),
      mixedText: rich ? fc.oneof(empty, empty, p.short) : fc.oneof(empty, p.short),
    }),
  );
}

/** Unique call ids; with `reuse`, every third turn starts over (recorded traces reuse ids). */
export function assignIds(turns: TurnSpec[], reuse: boolean): TurnSpec[] {
  let n = 0;
  return turns.map((t, ti) => {
    if (t.kind !== 'tool') return t;
    if (reuse && ti % 3 === 2) n = 0;
    return { ...t, calls: t.calls.map((c) => ({ ...c, id: `call_${n++}` })) };
  });
}
