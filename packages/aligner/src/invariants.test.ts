/** aligner.md §5: every invariant as a property over generated prompts and requests. */
import {
  type AlignerPlacement,
  type AnyMessage,
  type ChatMessage,
  getTokenizer,
  type MessagesInput,
  toConversation,
  viewOf,
} from '@headroom/core';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { CacheAligner } from './cache-aligner.js';
import { protectedRanges } from './protect.js';
import { buildRequest, requestSpecArb } from './test-utils/conversations.js';
import { render, staticPromptArb, subtract, templateArb, valuesArb, words } from './test-utils/prompts.js';

const TAIL = '\n\n---\n[Dynamic Context]\n';
const RUNS = { numRuns: 150 };
// Property runs take a second or two alone, longer while the whole workspace's suites share the CPUs.
vi.setConfig({ testTimeout: 60_000 });
const tokenizer = getTokenizer();

const chat = (system: string): ChatMessage[] => [
  { role: 'system', content: system },
  { role: 'user', content: 'Hi' },
];
const systemText = (messages: readonly ChatMessage[]) => messages[0]!.content as string;

/** All text of a request's slots, system and otherwise. */
function texts(input: MessagesInput): { system: string; other: string } {
  const view = viewOf(input, { tokenizer });
  const system: string[] = [];
  const other: string[] = [];
  for (const s of view.slots) (s.kind === 'system-text' ? system : other).push(s.text);
  return { system: system.join('\n'), other: other.join('\n') };
}

describe('invariant 1: no word is lost', () => {
  it.each<AlignerPlacement>(['end', 'system-tail', 'last-user'])('with placement %s', (placement) => {
    fc.assert(
      fc.property(templateArb, valuesArb, (template, values) => {
        const input = chat(render(template, values));
        const result = new CacheAligner({ placement, stablePrefixMinTokens: 0 }).align(input);
        const before = texts(input);
        const after = texts(result.messages);
        // What the request gained is the system text plus the tail, wherever the tail went.
        const gained = subtract(words(`${after.system}\n${after.other}`), words(before.other));
        expect(subtract(words(before.system), gained)).toEqual(new Map());
        const extra = [...subtract(gained, words(before.system)).keys()];
        for (const w of extra) expect(w).toMatch(/^(Dynamic|Context|dynamic|\d+)$/);
      }),
      RUNS,
    );
  });
});

describe('invariant 2: idempotent', () => {
  it.each<AlignerPlacement>(['end', 'system-tail', 'last-user'])('with placement %s', (placement) => {
    fc.assert(
      fc.property(templateArb, valuesArb, requestSpecArb, (template, values, spec) => {
        const config = { placement, stablePrefixMinTokens: 0 };
        const once = new CacheAligner(config).align(buildRequest(spec, render(template, values)));
        const twice = new CacheAligner(config).align(once.messages);
        expect(twice.messages).toEqual(once.messages);
        expect(twice.modified).toBe(false);
        expect(twice.stablePrefixHash).toBe(once.stablePrefixHash);
      }),
      RUNS,
    );
  });
});

describe('invariant 3: prompts differing only in dynamic values align identically', () => {
  it('same hash, same bytes up to the tail', () => {
    fc.assert(
      fc.property(templateArb, valuesArb, valuesArb, (template, a, b) => {
        for (const placement of ['end', 'system-tail'] as const) {
          const config = { placement, stablePrefixMinTokens: 0 };
          const ra = new CacheAligner(config).align(chat(render(template, a)));
          const rb = new CacheAligner(config).align(chat(render(template, b)));
          expect(ra.stablePrefixHash).toBe(rb.stablePrefixHash);
          expect(ra.spans.map((s) => [s.category, s.form, s.placeholder])).toEqual(
            rb.spans.map((s) => [s.category, s.form, s.placeholder]),
          );
          // Degrading (e.g. a prompt of nothing but dynamic values) depends on the template only.
          expect(ra.mode).toBe(rb.mode);
          if (ra.mode === 'rewrite') {
            expect(systemText(ra.messages).split(TAIL)[0]).toBe(systemText(rb.messages).split(TAIL)[0]);
          }
        }
      }),
      RUNS,
    );
  });
});

describe('invariant 4: protected regions are byte-identical', () => {
  it('code fences, inline code and URLs survive in order', () => {
    fc.assert(
      fc.property(templateArb, valuesArb, (template, values) => {
        const system = render(template, values);
        const out = systemText(new CacheAligner({ stablePrefixMinTokens: 0 }).align(chat(system)).messages);
        let from = 0;
        for (const r of protectedRanges(system)) {
          const at = out.indexOf(system.slice(r.start, r.end), from);
          expect(at).toBeGreaterThanOrEqual(0);
          from = at + (r.end - r.start);
        }
      }),
      RUNS,
    );
  });
});

/** The original content is a prefix of the new content: a string prefix, or the same leading parts. */
function extends_(before: AnyMessage, after: AnyMessage): boolean {
  const b = (before as { content?: unknown }).content;
  const a = (after as { content?: unknown }).content;
  if (typeof b === 'string') return typeof a === 'string' && a.startsWith(b) && a.length > b.length;
  if (!Array.isArray(b) || !Array.isArray(a) || a.length <= b.length) return false;
  return b.every((part, i) => a[i] === part);
}

describe('invariant 5: only the placement target changes', () => {
  it.each<AlignerPlacement>(['end', 'system-tail', 'last-user'])('with placement %s', (placement) => {
    fc.assert(
      fc.property(templateArb, valuesArb, requestSpecArb, (template, values, spec) => {
        const input = buildRequest(spec, render(template, values));
        const result = new CacheAligner({ placement, stablePrefixMinTokens: 0 }).align(input);
        const before = toConversation(input);
        const after = toConversation(result.messages);
        const view = viewOf(before, { tokenizer });
        const isSystem = (i: number) => view.entry(i)?.role === 'system';
        const fellBack = result.warnings.includes('cache_aligner:placement_fallback');
        const n = before.messages.length;
        const changed = before.messages.flatMap((m, i) =>
          isSystem(i) || after.messages[i] === m ? [] : [i],
        );
        const endsInAssistant = view.entry(n - 1)?.role === 'assistant';
        const effective =
          placement === 'end' && endsInAssistant && before.format !== 'openai-responses'
            ? 'last-user'
            : placement;

        if (!result.modified || result.spans.length === 0 || effective === 'system-tail' || fellBack) {
          expect(changed).toEqual([]);
          expect(after.messages.length).toBe(n);
        } else if (effective === 'end') {
          if (after.messages.length === n + 1) expect(changed).toEqual([]);
          else {
            expect(after.messages.length).toBe(n);
            expect(changed).toEqual([n - 1]);
            expect(extends_(before.messages[n - 1]!, after.messages[n - 1]!)).toBe(true);
          }
        } else {
          const last = view.lastRealUser()!;
          expect(after.messages.length).toBe(n);
          expect(changed).toEqual([last]);
          expect(extends_(before.messages[last]!, after.messages[last]!)).toBe(true);
        }
      }),
      RUNS,
    );
  });
});

describe('invariant 6: detect mode never mutates', () => {
  it('returns the input itself, configured or degraded', () => {
    fc.assert(
      fc.property(templateArb, valuesArb, requestSpecArb, (template, values, spec) => {
        const input = buildRequest(spec, render(template, values));
        expect(new CacheAligner({ mode: 'detect' }).align(input).messages).toBe(input);
        const degraded = new CacheAligner({ stablePrefixMinTokens: 1_000_000 }).align(input);
        expect(degraded.mode).toBe('detect');
        expect(degraded.messages).toBe(input);
      }),
      RUNS,
    );
  });
});

describe('invariant 7: a prompt with nothing to do is returned as is', () => {
  it('same reference, not modified', () => {
    fc.assert(
      fc.property(staticPromptArb, requestSpecArb, (system, spec) => {
        const input = buildRequest(spec, system);
        const result = new CacheAligner().align(input);
        expect(result.spans).toEqual([]);
        expect(result.modified).toBe(false);
        expect(result.messages).toBe(input);
      }),
      RUNS,
    );
  });
});

describe('invariant 9: deterministic', () => {
  it('same input and config, same bytes and hash, never mutating the input', () => {
    fc.assert(
      fc.property(templateArb, valuesArb, requestSpecArb, (template, values, spec) => {
        const input = buildRequest(spec, render(template, values));
        const snapshot = structuredClone(input);
        const a = new CacheAligner({ stablePrefixMinTokens: 0 }).align(input);
        const b = new CacheAligner({ stablePrefixMinTokens: 0 }).align(input);
        expect(JSON.stringify(a.messages)).toBe(JSON.stringify(b.messages));
        expect(a.stablePrefixHash).toBe(b.stablePrefixHash);
        expect(input).toEqual(snapshot);
      }),
      RUNS,
    );
  });
});

/** Texts stitched from fragments that stress the grammars, the protected regions and whitespace. */
const fragmentTextArb = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'Today',
        ' is ',
        'January 7, 2025',
        '2025-01-07',
        'T10:32:05Z',
        '10:30',
        ' UTC',
        '.',
        '. ',
        '!',
        ',',
        '\n',
        '\r\n',
        '\r',
        '\n\n\n',
        '  ',
        '\t',
        '`',
        '``',
        '```',
        '~~~',
        'https://x.test/',
        'Current date: ',
        'Session ID: ',
        'Request ID: ',
        'Timestamp: ',
        '1736245925',
        'req_8f3k21',
        '3f2a1b4c-1d2e-4f3a-8b9c-0d1e2f3a4b5c',
        'a1b2c3d4e5f60718293a4b5c6d7e8f90',
        '**',
        '- ',
        '[dynamic-1]',
        '\n\n---\n[Dynamic Context]\n',
        'It is now ',
        'validate',
        'search_documents',
      ),
      fc.string({ maxLength: 6 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

describe('fuzz: arbitrary text in the system prompt', () => {
  it('never throws, loses no word and stays idempotent, in every shape and placement', () => {
    fc.assert(
      fc.property(
        fragmentTextArb,
        requestSpecArb,
        fc.constantFrom<AlignerPlacement>('end', 'system-tail', 'last-user'),
        (system, spec, placement) => {
          const config = { placement, stablePrefixMinTokens: 0 };
          const input = buildRequest(spec, system);
          const once = new CacheAligner(config).align(input);
          const before = texts(input);
          const after = texts(once.messages);
          const gained = subtract(words(`${after.system}\n${after.other}`), words(before.other));
          expect(subtract(words(before.system), gained)).toEqual(new Map());
          const twice = new CacheAligner(config).align(once.messages);
          expect(twice.messages).toEqual(once.messages);
        },
      ),
      { numRuns: 400 },
    );
  });
});
