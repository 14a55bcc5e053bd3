/**
 * fast-check generators of conversations in the three wire formats, shared by every package's
 * property tests. A generated conversation comes with the ids it deliberately broke, so property
 * tests know which pair violations to expect.
 *
 * - default (`rich: false`): arbitrary printable text and JSON results, parallel calls, thinking
 *   blocks, reasoning items, error and parts-shaped results, results mixed with text.
 * - `rich: true`: text sized so token budgets cut through it (word runs, record lists with
 *   references), plus images, compaction items, redacted thinking, preambles, agent loops without
 *   user turns and conversations that end on the agent.
 */
import fc from 'fast-check';
import type { Conversation, MessagesInput, WireFormat } from '../messages/types.js';
import { assignIds, paletteOf, turnArb } from './conversation-specs.js';
import { renderTurns } from './render-conversation.js';

export interface GeneratedConversation {
  format: WireFormat;
  /** What a caller passes: an array, or a Conversation (always one when there is an external system). */
  input: MessagesInput;
  conversation: Conversation;
  /** Calls whose result was removed: the expected `dangling-call` ids (exact without `rich`). */
  danglingCalls: string[];
  /** Results whose call was removed: the expected `orphan-result` ids (exact without `rich`). */
  orphanResults: string[];
}

export interface ConversationOptions {
  /**
   * Remove some calls or results (listed in `danglingCalls` / `orphanResults`). With `rich`, also
   * reuse call ids and let the agent open, as real damaged histories do: the lists then name the
   * removed partners, but the checker may also see `not-adjacent`, `reasoning-split` or
   * `first-not-user`, or no violation where a reused id still pairs up.
   */
  broken?: boolean;
  /** At most this many turns (default 6, or 10 with `rich`). */
  maxTurns?: number;
  /** The context-manager shapes: budget-sized text and the rarer turn kinds (see above). */
  rich?: boolean;
}

export const formatArb: fc.Arbitrary<WireFormat> = fc.constantFrom(
  'openai-chat',
  'openai-responses',
  'anthropic',
);

/** A conversation in `format`; see {@link ConversationOptions}. */
export function conversationArb(
  format: WireFormat,
  opts: ConversationOptions = {},
): fc.Arbitrary<GeneratedConversation> {
  const broken = opts.broken ?? false;
  const rich = opts.rich ?? false;
  return fc
    .record({
      system: paletteOf(rich).text,
      turns: fc.array(turnArb(format, { rich, broken }), {
        minLength: 1,
        maxLength: opts.maxTurns ?? (rich ? 10 : 6),
      }),
      finalUser: rich ? fc.boolean() : fc.constant(true),
      asArray: fc.boolean(),
    })
    .map(({ system, turns: raw, finalUser, asArray }) => {
      // A valid conversation opens with a user message; a broken one may open with the agent.
      const first = raw[0]!;
      if (!broken && first.kind === 'tool' && first.user === null) raw[0] = { ...first, user: 'Start.' };
      const turns = assignIds(raw, broken && rich);
      const messages = renderTurns(format, turns, system, finalUser);
      const conversation: Conversation =
        format === 'anthropic'
          ? { format, system: [{ type: 'text', text: system }], messages }
          : { format, messages };
      const calls = turns.flatMap((t) => (t.kind === 'tool' ? t.calls : []));
      return {
        format,
        input: asArray && format !== 'anthropic' ? messages : conversation,
        conversation,
        danglingCalls: calls.filter((c) => c.dropResult && !c.dropCall).map((c) => c.id),
        orphanResults: calls.filter((c) => c.dropCall && !c.dropResult).map((c) => c.id),
      };
    });
}

/** A conversation in any of the three formats. */
export const anyConversationArb = (opts: ConversationOptions = {}) =>
  formatArb.chain((format) => conversationArb(format, opts));
